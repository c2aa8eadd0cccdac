// Pix Certif: a centre's sessions by tab (upcoming, to finalise, finalised); arrows move between tabs.
import { api } from "../api.js";
import { root } from "../common.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";
import { currentCentreId } from "./current.js";

const centreId = currentCentreId();
const rows = document.getElementById("rows");
const more = document.getElementById("more");
const panel = document.getElementById("panel");
const tabs = [...document.querySelectorAll("[role=tab]")];
const status = document.querySelector(".form-status");
let tab = "upcoming";
let cursor = null;

function row(session) {
  const href = `${root}certif/sessions/session/?centre=${encodeURIComponent(centreId)}&session=${encodeURIComponent(session.id)}`;
  return h("tr", null,
    h("td", null, h("a", { href }, session.id)),
    h("td", null, `${formatDate(session.date)} · ${session.time}`),
    h("td", null, session.address),
    h("td", null, session.room),
    h("td", null, String(session.candidate_count)));
}

async function load() {
  const query = new URLSearchParams({ tab, limit: "20" });
  if (cursor) query.set("cursor", cursor);
  const page = await api(`/api/certif/centres/${encodeURIComponent(centreId)}/sessions?${query}`, { auth: true });
  rows.append(...page.sessions.map(row));
  cursor = page.next_cursor;
  more.hidden = !cursor;
  document.getElementById("empty").hidden = rows.children.length > 0;
  return page.sessions.length;
}

async function select(button, focus) {
  for (const other of tabs) {
    const on = other === button;
    other.setAttribute("aria-selected", String(on));
    other.tabIndex = on ? 0 : -1;
  }
  if (focus) button.focus();
  panel.setAttribute("aria-labelledby", button.id);
  tab = button.dataset.tab;
  cursor = null;
  rows.replaceChildren();
  try {
    await load();
  } catch (error) {
    showLoadError(error, status);
  }
}

for (const [index, button] of tabs.entries()) {
  button.addEventListener("click", () => select(button, false));
  button.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step) select(tabs[(index + step + tabs.length) % tabs.length], true);
  });
}

more.addEventListener("click", async () => {
  more.setAttribute("aria-busy", "true");
  const before = rows.children.length;
  try {
    if (await load()) rows.children[before].querySelector("a").focus();
  } catch (error) {
    showLoadError(error, status);
  } finally {
    more.removeAttribute("aria-busy");
  }
});

try {
  const centre = await api(`/api/certif/centres/${encodeURIComponent(centreId)}`, { auth: true });
  document.getElementById("centre-name").textContent = t("sessions_of", { name: centre.name });
  document.getElementById("create").href = `${root}certif/sessions/nouvelle/?centre=${encodeURIComponent(centreId)}`;
  await load();
  document.getElementById("content").hidden = false;
} catch (error) {
  showLoadError(error, status);
} finally {
  done(document.getElementById("loading"));
}
