// Pix Admin, support: certification centres, searched by the start of a name or an id, page by page; a new
// centre (its first admin invited by e-mail) opens its page.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";
import { done, h, showLoadError, t } from "../ui.js";

const rows = document.getElementById("rows");
const more = document.getElementById("more");
const status = document.querySelector(".form-status");
let cursor = null;
let search = "";

const centrePage = (id) => `${root}admin/centres/centre/?id=${encodeURIComponent(id)}`;

function row(centre) {
  return h("tr", null,
    h("td", null, h("a", { href: centrePage(centre.id) }, centre.name)),
    h("td", null, t(`centre_type_${centre.type}`)),
    h("td", null, centre.external_id || "—"),
    h("td", null, centre.archived ? t("centre_archived") : t("centre_active")));
}

async function load() {
  const query = new URLSearchParams({ limit: "20" });
  if (search) query.set("search", search);
  if (cursor) query.set("cursor", cursor);
  const page = await api(`/api/admin/certification-centres?${query}`, { auth: true });
  rows.append(...page.centres.map(row));
  cursor = page.next_cursor;
  more.hidden = !cursor;
  document.getElementById("empty").hidden = rows.children.length > 0;
  return page.centres.length;
}

document.getElementById("search").addEventListener("submit", async (event) => {
  event.preventDefault();
  search = document.getElementById("q").value.trim();
  cursor = null;
  rows.replaceChildren();
  try {
    await load();
  } catch (error) {
    showLoadError(error, status);
  }
});

more.addEventListener("click", async () => {
  more.setAttribute("aria-busy", "true");
  const before = rows.children.length;
  try {
    if (await load()) rows.children[before].querySelector("a").focus();
  } catch (error) {
    showLoadError(error, status);
  } finally {
    more.removeAttribute("aria-busy");
  }
});

handleForm(document.getElementById("new-centre"), async (data) => {
  const body = { name: data.get("name").trim(), type: data.get("type"), room_capacity: Number(data.get("room_capacity") || 20) };
  if (data.get("external_id").trim()) body.external_id = data.get("external_id").trim();
  if (data.get("admin_email").trim()) body.admin_email = data.get("admin_email").trim();
  const created = await api("/api/admin/certification-centres", { method: "POST", body, auth: true });
  window.location.assign(centrePage(created.id));
});

try {
  await load();
  document.getElementById("list").hidden = false;
} catch (error) {
  showLoadError(error, status);
} finally {
  done(document.getElementById("loading"));
}
