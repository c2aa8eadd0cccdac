// Find users (support): by the start of a name, or exactly by e-mail or username. The text travels in the
// request's body, never in the URL (personal data); results come page by page.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";
import { h, t } from "../ui.js";
import { SEARCH_KEY, adminPage } from "./shell.js";

const form = document.getElementById("users-search");
const results = document.getElementById("results");
const rows = document.getElementById("results-rows");
const more = document.getElementById("results-more");
const count = document.getElementById("results-count");
let query = null;
let cursor = null;

function row(user) {
  const href = `${root}admin/utilisateurs/fiche/?id=${encodeURIComponent(user.id)}`;
  return h("tr", null,
    h("td", null, h("a", { href }, `${user.first_name} ${user.last_name}`)),
    h("td", null, user.email || "—"),
    h("td", null, user.username || "—"));
}

async function search(text, next) {
  const page = await api("/api/admin/users/search", {
    method: "POST", auth: true, body: { text, limit: 20, ...(next ? { cursor: next } : {}) },
  });
  if (!next) rows.replaceChildren();
  rows.append(...page.users.map(row));
  cursor = page.next_cursor;
  more.hidden = !cursor;
  results.hidden = false;
  count.textContent = rows.children.length ? t("users_count", { count: rows.children.length }) : t("users_none");
}

adminPage(async () => {
  handleForm(form, async (data) => {
    query = data.get("users-text").trim();
    await search(query, null);
    document.getElementById("results-title").focus();
  }, { fields: { text: "users-text" } });
  more.addEventListener("click", async () => {
    const first = rows.children.length;
    await search(query, cursor);
    rows.children[first]?.querySelector("a")?.focus();
  });
  const carried = sessionStorage.getItem(SEARCH_KEY);
  if (carried) {
    sessionStorage.removeItem(SEARCH_KEY);
    form.elements["users-text"].value = carried;
    form.requestSubmit();
  }
});
