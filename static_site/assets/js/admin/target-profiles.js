// Pix Admin: the target profiles, newest first; "Voir plus" reads the next page.
import { api } from "../api.js";
import { root } from "../common.js";
import { formatDate, h, showLoadError, t } from "../ui.js";
import { adminPage } from "./shell.js";

const rows = document.getElementById("profiles-rows");
const more = document.getElementById("more");
let cursor = null;

function state(profile) {
  const flags = [];
  if (profile.outdated) flags.push(t("tp_outdated"));
  flags.push(profile.public ? t("tp_public") : t("tp_private"));
  return flags.join(" · ");
}

function row(profile) {
  return h("tr", null,
    h("td", null, h("a", { href: `${root}admin/profils-cibles/profil/?id=${encodeURIComponent(profile.id)}` }, profile.name)),
    h("td", null, t(`tp_category_${profile.category}`)),
    h("td", null, String(profile.skill_count)),
    h("td", null, String(profile.organization_count)),
    h("td", null, state(profile)),
    h("td", null, formatDate(profile.created_at)));
}

async function load() {
  const query = new URLSearchParams({ limit: "20" });
  if (cursor) query.set("cursor", cursor);
  const page = await api(`/api/admin/target-profiles?${query}`, { auth: true });
  rows.append(...page.items.map(row));
  cursor = page.next_cursor;
  more.hidden = !cursor;
  document.getElementById("profiles-empty").hidden = rows.children.length > 0;
  return page.items.length;
}

more.addEventListener("click", async () => {
  more.setAttribute("aria-busy", "true");
  const before = rows.children.length;
  try {
    if (await load()) rows.children[before].querySelector("a").focus();
  } catch (error) {
    showLoadError(error, document.querySelector(".form-status"));
  } finally {
    more.removeAttribute("aria-busy");
  }
});

adminPage(async () => {
  await load();
  document.getElementById("profiles").hidden = false;
});
