// Pix Admin: the organisations, by name, page by page; a search by the start of a name or an UAI.
import { api } from "../api.js";
import { root } from "../common.js";
import { pagedList } from "../paged-list.js";
import { done, h, showLoadError, t } from "../ui.js";

const loading = document.getElementById("loading");
const rows = document.getElementById("organizations-rows");
const search = document.getElementById("search");
const box = document.querySelector(".form-status");

function row(org) {
  return h("tr", null,
    h("td", null, h("a", { href: `${root}admin/organisations/organisation/?id=${encodeURIComponent(org.id)}` }, org.name)),
    h("td", null, org.type),
    h("td", null, org.external_id || "—"),
    h("td", null, org.archived_at ? t("adm_org_archived") : t("adm_org_active")));
}

const list = pagedList({
  rows,
  more: document.getElementById("more"),
  fetchPage: (cursor) => {
    const query = new URLSearchParams({ limit: "20" });
    const q = search.q.value.trim();
    if (q) query.set("q", q);
    if (cursor) query.set("cursor", cursor);
    return api(`/api/admin/organizations?${query}`, { auth: true });
  },
  items: (page) => page.organizations,
  row,
  onPage: (count) => { document.getElementById("organizations-empty").hidden = count > 0; },
  onError: (error) => showLoadError(error, box),
});

search.addEventListener("submit", (event) => {
  event.preventDefault();
  list.reload();
});

if ((await list.reload()) !== null) document.getElementById("organizations").hidden = false;
done(loading);
