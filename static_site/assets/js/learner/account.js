import { api } from "../api.js";
import { errorMessage, root } from "../common.js";
import { showDataExport } from "./data-export.js";

const card = document.getElementById("account");
const loading = document.getElementById("account-loading");

try {
  const me = await api("/api/me", { auth: true });
  for (const node of card.querySelectorAll("[data-field]")) {
    const value = me[node.dataset.field];
    node.textContent = node.dataset.format === "date"
      ? new Date(value).toLocaleDateString(document.documentElement.lang)
      : value;
  }
  for (const node of card.querySelectorAll("[data-if]")) node.hidden = !me[node.dataset.if];
  card.hidden = false;
  showDataExport();
} catch (error) {
  if (error.status === 401) {
    window.location.assign(`${root}connexion/`);
  } else {
    const box = document.querySelector(".form-status");
    box.textContent = errorMessage(error);
    box.hidden = false;
  }
} finally {
  loading.hidden = true;
  loading.removeAttribute("aria-busy");
}
