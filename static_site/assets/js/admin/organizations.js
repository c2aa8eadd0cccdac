// Pix Admin: the organisations, by name, page by page; a search by the start of a name or an UAI.
import { api } from "../api.js";
import { root } from "../common.js";
import { done, h, showLoadError, t } from "../ui.js";

const loading = document.getElementById("loading");
const rows = document.getElementById("organizations-rows");
const more = document.getElementById("more");
const search = document.getElementById("search");
const box = document.querySelector(".form-status");
let cursor = null;

function row(org) {
  return h("tr", null,
    h("td", null, h("a", { href: `${root}admin/organisations/organisation/?id=${encodeURIComponent(org.id)}` }, org.name)),
    h("td", null, org.type),
    h("td", null, org.external_id || "—"),
    h("td", null, org.archived_at ? t("adm_org_archived") : t("adm_org_active")));
}

async function load(reset) {
  if (reset) { cursor = null; rows.replaceChildren(); }
  const query = new URLSearchParams({ limit: "20" });
  const q = search.q.value.trim();
  if (q) query.set("q", q);
  if (cursor) query.set("cursor", cursor);
  const page = await api(`/api/admin/organizations?${query}`, { auth: true });
  rows.append(...page.organizations.map(row));
  cursor = page.next_cursor;
  more.hidden = !cursor;
  document.getElementById("organizations-empty").hidden = rows.children.length > 0;
}

search.addEventListener("submit", async (event) => {
  event.preventDefault();
  try { await load(true); } catch (error) { showLoadError(error, box); }
});
more.addEventListener("click", async () => {
  const before = rows.children.length;
  try { await load(false); rows.children[before]?.querySelector("a").focus(); } catch (error) { showLoadError(error, box); }
});

try {
  await load(true);
  document.getElementById("organizations").hidden = false;
} catch (error) {
  showLoadError(error, box);
} finally {
  done(loading);
}
