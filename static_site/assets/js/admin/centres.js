// Pix Admin, support: certification centres, searched by the start of a name or an id, page by page; a new
// centre (its first admin invited by e-mail) opens its page.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";
import { pagedList } from "../paged-list.js";
import { done, h, showLoadError, t } from "../ui.js";

const status = document.querySelector(".form-status");
let search = "";

const centrePage = (id) => `${root}admin/centres/centre/?id=${encodeURIComponent(id)}`;

function row(centre) {
  return h("tr", null,
    h("td", null, h("a", { href: centrePage(centre.id) }, centre.name)),
    h("td", null, t(`centre_type_${centre.type}`)),
    h("td", null, centre.external_id || "—"),
    h("td", null, centre.archived ? t("centre_archived") : t("centre_active")));
}

const list = pagedList({
  rows: document.getElementById("rows"),
  more: document.getElementById("more"),
  fetchPage: (cursor) => {
    const query = new URLSearchParams({ limit: "20" });
    if (search) query.set("search", search);
    if (cursor) query.set("cursor", cursor);
    return api(`/api/admin/certification-centres?${query}`, { auth: true });
  },
  items: (page) => page.centres,
  row,
  onPage: (count) => { document.getElementById("empty").hidden = count > 0; },
  onError: (error) => showLoadError(error, status),
});

document.getElementById("search").addEventListener("submit", (event) => {
  event.preventDefault();
  search = document.getElementById("q").value.trim();
  list.reload();
});

handleForm(document.getElementById("new-centre"), async (data) => {
  const body = { name: data.get("name").trim(), type: data.get("type"), room_capacity: Number(data.get("room_capacity") || 20) };
  if (data.get("external_id").trim()) body.external_id = data.get("external_id").trim();
  if (data.get("admin_email").trim()) body.admin_email = data.get("admin_email").trim();
  const created = await api("/api/admin/certification-centres", { method: "POST", body, auth: true });
  window.location.assign(centrePage(created.id));
});

if ((await list.reload()) !== null) document.getElementById("list").hidden = false;
done(document.getElementById("loading"));
