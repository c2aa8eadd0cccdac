// Pix Admin: the target profiles, newest first; "Voir plus" reads the next page.
import { api } from "../api.js";
import { root } from "../common.js";
import { pagedList } from "../paged-list.js";
import { formatDate, h, showLoadError, t } from "../ui.js";
import { adminPage } from "./shell.js";

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

const list = pagedList({
  rows: document.getElementById("profiles-rows"),
  more: document.getElementById("more"),
  fetchPage: (cursor) => api(`/api/admin/target-profiles?${new URLSearchParams({ limit: "20", ...(cursor ? { cursor } : {}) })}`,
    { auth: true }),
  items: (page) => page.items,
  row,
  onPage: (count) => { document.getElementById("profiles-empty").hidden = count > 0; },
  onError: (error) => showLoadError(error, document.querySelector(".form-status")),
});

adminPage(async () => {
  if ((await list.reload()) !== null) document.getElementById("profiles").hidden = false;
});
