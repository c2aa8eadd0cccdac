// Find users (support): by the start of a name, or exactly by e-mail or username. The text travels in the
// request's body, never in the URL (personal data); results come page by page.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";
import { pagedList } from "../paged-list.js";
import { h, t } from "../ui.js";
import { SEARCH_KEY, adminPage } from "./shell.js";

const form = document.getElementById("users-search");
const results = document.getElementById("results");
const rows = document.getElementById("results-rows");
const count = document.getElementById("results-count");
let query = null;

function row(user) {
  const href = `${root}admin/utilisateurs/fiche/?id=${encodeURIComponent(user.id)}`;
  return h("tr", null,
    h("td", null, h("a", { href }, `${user.first_name} ${user.last_name}`)),
    h("td", null, user.email || "—"),
    h("td", null, user.username || "—"));
}

const list = pagedList({
  rows,
  more: document.getElementById("results-more"),
  fetchPage: (cursor) => api("/api/admin/users/search", {
    method: "POST", auth: true, body: { text: query, limit: 20, ...(cursor ? { cursor } : {}) },
  }),
  items: (page) => page.users,
  row,
  onPage: (shown) => {
    results.hidden = false;
    count.textContent = shown ? t("users_count", { count: shown }) : t("users_none");
  },
});

adminPage(async () => {
  handleForm(form, async (data) => {
    query = data.get("users-text").trim();
    await list.reload();
    document.getElementById("results-title").focus();
  }, { fields: { text: "users-text" } });
  const carried = sessionStorage.getItem(SEARCH_KEY);
  if (carried) {
    sessionStorage.removeItem(SEARCH_KEY);
    form.elements["users-text"].value = carried;
    form.requestSubmit();
  }
});
