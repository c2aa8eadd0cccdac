// What every page does: show the navigation for guests, members or operators, log out, translate messages.
import { logOut, session } from "./api.js";

export const messages = JSON.parse(document.getElementById("messages").textContent);
export const root = document.documentElement.lang === "en" ? "/en/" : "/";

// The roles that open Pix Admin (the API's operator roles: chalicelib/web.py OPERATOR_ROLES).
export const OPERATOR_ROLES = ["SUPER_ADMIN", "SUPPORT", "METIER", "CERTIF"];

export function isOperator(roles) {
  return (roles || []).some((role) => OPERATOR_ROLES.includes(role));
}

// Where to come back after logging in: a path of this site only, never another origin.
export function returnPath(value) {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  const url = new URL(value, window.location.origin);
  return url.origin === window.location.origin ? url.pathname + url.search : null;
}

export function errorMessage(error) {
  if (error && error.name === "NetworkError") return messages.js_network;
  const code = error && error.code;
  return messages[`err_${code}`] || (error && error.message) || messages.err_default;
}

// Display only: each page asks the API, which decides. The roles are those the session was opened with.
// Pages call it again when a session opens or ends without a new page (a pupil's sign-up, a deletion).
export function showNavigation() {
  const current = session.get();
  const shown = { guest: !current, member: Boolean(current), operator: Boolean(current) && isOperator(current.roles) };
  for (const item of document.querySelectorAll("[data-when]")) item.hidden = !shown[item.dataset.when];
}

document.addEventListener("click", async (event) => {
  const target = event.target.closest("[data-action]");
  if (!target) return;
  if (target.dataset.action === "logout") {
    await logOut();
    window.location.assign(root);
  }
});

document.addEventListener("change", (event) => {
  if (event.target.matches("[data-action=show-password]")) {
    const form = event.target.closest("form");
    for (const input of form.querySelectorAll("input[name=password]")) {
      input.type = event.target.checked ? "text" : "password";
    }
  }
});

// The language switch keeps the page's query (which competence), never anything personal.
for (const link of document.querySelectorAll("a[data-keep-query]")) link.search = window.location.search;

showNavigation();
