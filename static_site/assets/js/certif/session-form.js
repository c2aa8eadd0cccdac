// Pix Certif: create a session (then its page shows the invigilator password, once) or edit one.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";
import { showLoadError, t } from "../ui.js";

const params = new URLSearchParams(window.location.search);
const centreId = params.get("centre") || "";
const sessionId = params.get("session");
const form = document.getElementById("session-form");
const base = `/api/certif/centres/${encodeURIComponent(centreId)}/sessions`;
const sessionPage = (id) => `${root}certif/sessions/session/?centre=${encodeURIComponent(centreId)}&session=${encodeURIComponent(id)}`;

document.getElementById("back").href = `${root}certif/sessions/?centre=${encodeURIComponent(centreId)}`;

if (sessionId) {
  document.getElementById("form-title").textContent = t("session_edit_title", { number: sessionId });
  document.title = `${t("session_edit_title", { number: sessionId })} · Pix Certif`;
  try {
    const session = await api(`${base}/${encodeURIComponent(sessionId)}`, { auth: true });
    for (const name of ["address", "room", "date", "time", "examiners", "observations"]) form.elements[name].value = session[name];
  } catch (error) {
    showLoadError(error, document.querySelector(".form-status"));
  }
}

handleForm(form, async (data) => {
  const body = Object.fromEntries(["address", "room", "date", "time", "examiners", "observations"].map((n) => [n, data.get(n) || ""]));
  if (sessionId) {
    await api(`${base}/${encodeURIComponent(sessionId)}`, { method: "PUT", body, auth: true });
    window.location.assign(sessionPage(sessionId));
    return;
  }
  const created = await api(base, { method: "POST", body, auth: true });
  // Shown once on the session's page, never in a URL: it stays in this tab only until read.
  sessionStorage.setItem(`pix.certif.password.${created.session.id}`, created.invigilator_password);
  window.location.assign(sessionPage(created.session.id));
});
