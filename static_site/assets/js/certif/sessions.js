// Pix Certif: a centre's sessions by tab (upcoming, to finalise, finalised); arrows move between tabs.
import { api } from "../api.js";
import { root } from "../common.js";
import { pagedList } from "../paged-list.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";
import { currentCentreId } from "./current.js";

const centreId = currentCentreId();
const panel = document.getElementById("panel");
const tabs = [...document.querySelectorAll("[role=tab]")];
const status = document.querySelector(".form-status");
let tab = "upcoming";

function row(session) {
  const href = `${root}certif/sessions/session/?centre=${encodeURIComponent(centreId)}&session=${encodeURIComponent(session.id)}`;
  return h("tr", null,
    h("td", null, h("a", { href }, session.id)),
    h("td", null, `${formatDate(session.date)} · ${session.time}`),
    h("td", null, session.address),
    h("td", null, session.room),
    h("td", null, String(session.candidate_count)));
}

const list = pagedList({
  rows: document.getElementById("rows"),
  more: document.getElementById("more"),
  fetchPage: (cursor) => api(`/api/certif/centres/${encodeURIComponent(centreId)}/sessions?${
    new URLSearchParams({ tab, limit: "20", ...(cursor ? { cursor } : {}) })}`, { auth: true }),
  items: (page) => page.sessions,
  row,
  onPage: (count) => { document.getElementById("empty").hidden = count > 0; },
  onError: (error) => showLoadError(error, status),
});

async function select(button, focus) {
  for (const other of tabs) {
    const on = other === button;
    other.setAttribute("aria-selected", String(on));
    other.tabIndex = on ? 0 : -1;
  }
  if (focus) button.focus();
  panel.setAttribute("aria-labelledby", button.id);
  tab = button.dataset.tab;
  await list.reload();
}

for (const [index, button] of tabs.entries()) {
  button.addEventListener("click", () => select(button, false));
  button.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step) select(tabs[(index + step + tabs.length) % tabs.length], true);
  });
}

try {
  const centre = await api(`/api/certif/centres/${encodeURIComponent(centreId)}`, { auth: true });
  document.getElementById("centre-name").textContent = t("sessions_of", { name: centre.name });
  document.getElementById("create").href = `${root}certif/sessions/nouvelle/?centre=${encodeURIComponent(centreId)}`;
  if ((await list.reload()) !== null) document.getElementById("content").hidden = false;
} catch (error) {
  showLoadError(error, status);
} finally {
  done(document.getElementById("loading"));
}
