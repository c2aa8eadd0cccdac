// Every Pix Admin page: ask the API who the operator is (roles are read per request, so a role changed a
// moment ago shows here at the next page), show the tools and the search box their roles open, then hand
// over to the page. A page only guides: the API refuses what a role does not allow.
import { api } from "../api.js";
import { root } from "../common.js";
import { done, showLoadError } from "../ui.js";

export const SEARCH_KEY = "pix.admin.search"; // a search, carried to the page that runs it (never in a URL)

export function allows(me, roles) {
  const held = me.roles || [];
  return held.includes("SUPER_ADMIN") || roles.split(" ").some((role) => held.includes(role));
}

function showTools(me) {
  for (const item of document.querySelectorAll("[data-roles]")) item.hidden = !allows(me, item.dataset.roles);
  document.getElementById("admin-nav").hidden = false;
  const search = document.getElementById("admin-search");
  if (search.hidden) return;
  const button = search.querySelector("button[type=submit]");
  button.disabled = false;
  search.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = search.elements.text.value.trim();
    if (!text) { search.elements.text.focus(); return; }
    // Kept in this tab's session storage, not the URL: a name or an address is personal data.
    sessionStorage.setItem(SEARCH_KEY, text);
    window.location.assign(`${root}admin/recherche/`);
  });
}

// `render(me)` draws the page once the operator is known; a refusal (401: to the login page, 403…) is said
// in `status` (the page's first status box by default).
export async function adminPage(render, { status = null } = {}) {
  const box = status || document.querySelector(".form-status");
  const loading = document.getElementById("loading");
  try {
    const me = await api("/api/me", { auth: true });
    showTools(me);
    await render(me);
  } catch (error) {
    showLoadError(error, box);
  } finally {
    if (loading) done(loading);
  }
}
