// What every page does: show the navigation for guests or members, log out, translate messages.
import { logOut, session } from "./api.js";

export const messages = JSON.parse(document.getElementById("messages").textContent);
export const root = document.documentElement.lang === "en" ? "/en/" : "/";

export function errorMessage(error) {
  if (error && error.name === "NetworkError") return messages.js_network;
  const code = error && error.code;
  return messages[`err_${code}`] || (error && error.message) || messages.err_default;
}

function showNavigation() {
  const member = Boolean(session.get());
  for (const item of document.querySelectorAll("[data-when]")) {
    item.hidden = (item.dataset.when === "member") !== member;
  }
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
