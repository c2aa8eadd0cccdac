// The shell's search: the text comes from this tab's session storage (never the URL); hits are grouped by
// kind (users, and whatever other rooms find: organisations, campaigns, centres, sessions).
import { api } from "../api.js";
import { root } from "../common.js";
import { h, t } from "../ui.js";
import { SEARCH_KEY, adminPage } from "./shell.js";

function group(kind, hits, text) {
  const title = t(`search_kind_${kind}`);
  const all = kind === "user" ? h("p", null, h("a", { href: `${root}admin/utilisateurs/`, onclick: () =>
    sessionStorage.setItem(SEARCH_KEY, text) }, t("search_all_users"))) : null;
  return h("section", { "aria-labelledby": `hits-${kind}` },
    h("h2", { id: `hits-${kind}` }, title.startsWith("search_kind_") ? kind : title),
    h("ul", null, hits.map((hit) => h("li", null, h("a", { href: hit.href }, hit.label), hit.detail ? ` — ${hit.detail}` : ""))),
    all);
}

adminPage(async () => {
  const text = sessionStorage.getItem(SEARCH_KEY) || "";
  sessionStorage.removeItem(SEARCH_KEY);
  const summary = document.getElementById("search-summary");
  if (!text) { summary.textContent = t("search_empty"); return; }
  document.getElementById("admin-search-text").value = text;
  const { hits } = await api("/api/admin/search", { method: "POST", auth: true, body: { text } });
  const kinds = [...new Set(hits.map((hit) => hit.kind))];
  document.getElementById("search-hits").replaceChildren(
    ...kinds.map((kind) => group(kind, hits.filter((hit) => hit.kind === kind), text)));
  summary.textContent = hits.length ? t("search_count", { count: hits.length }) : t("search_none");
  document.getElementById("search-title").focus();
});
