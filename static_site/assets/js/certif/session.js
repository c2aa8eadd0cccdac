// Pix Certif: one session. Its details and access code; the invigilator password once after creation (kept
// in this tab's sessionStorage only until shown) or on renewal; its candidates, enrolled one by one or from a
// file (uploaded straight to S3, processed as a job whose errors name their lines); the attendance sheet.
import { api } from "../api.js";
import { errorMessage, root } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";
import { pupilsOpen, setupPupils } from "./pupils.js";

const params = new URLSearchParams(window.location.search);
const centreId = params.get("centre") || "";
const sessionId = params.get("session") || "";
const base = `/api/certif/centres/${encodeURIComponent(centreId)}/sessions/${encodeURIComponent(sessionId)}`;
const status = document.querySelector(".form-status");
const FINISHED = ["done", "failed"];
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let centre = null;

function fill(session) {
  document.getElementById("session-title").textContent = t("session_heading", { number: session.id });
  document.title = `${t("session_heading", { number: session.id })} · Pix Certif`;
  const facts = {
    number: session.id, code: session.access_code, status: t(`status_${session.status}`),
    when: `${formatDate(session.date)} · ${session.time}`, address: session.address, room: session.room,
    examiners: session.examiners, observations: session.observations || "—",
  };
  for (const [name, value] of Object.entries(facts)) document.getElementById(`f-${name}`).textContent = value;
  const editable = session.status === "created";
  document.getElementById("edit").hidden = !editable;
  document.getElementById("delete").hidden = !editable || session.started;
  document.getElementById("renew").hidden = !editable;
  const finalise = document.getElementById("finalise-link");
  finalise.href = `${root}certif/sessions/finalisation/?centre=${encodeURIComponent(centreId)}&session=${encodeURIComponent(session.id)}`;
  finalise.hidden = !editable || !session.started;
}

function showPassword(password) {
  document.getElementById("password").textContent = password;
  document.getElementById("password-once").hidden = false;
}

function birthplace(c) {
  const place = c.birth_city || "";
  return c.birth_country === "99100" ? `${place}${c.birth_insee_code ? ` (${c.birth_insee_code})` : ""}` : `${place} (${c.birth_country})`;
}

function candidateRow(candidate, open, classes) {
  const remove = open ? h("button", {
    type: "button", class: "secondary outline small",
    "aria-label": t("c_remove_named", { name: `${candidate.first_name} ${candidate.last_name}` }),
    onclick: async () => {
      if (!window.confirm(t("c_remove_confirm", { name: `${candidate.first_name} ${candidate.last_name}` }))) return;
      try {
        await api(`${base}/candidates/${encodeURIComponent(candidate.id)}`, { method: "DELETE", auth: true });
        await loadCandidates();
        document.getElementById("candidates-title").focus();
      } catch (error) {
        showLoadError(error, status);
      }
    },
  }, t("c_remove")) : null;
  return h("tr", null,
    h("td", null, candidate.last_name), h("td", null, candidate.first_name),
    h("td", null, new Date(`${candidate.birth_date}T00:00:00`).toLocaleDateString(document.documentElement.lang)),
    h("td", null, birthplace(candidate)),
    h("td", null, candidate.extra_time_percentage ? `${candidate.extra_time_percentage} %` : "—"),
    h("td", null, candidate.external_id || "—"),
    classes ? h("td", null, candidate.division || "—") : null,
    h("td", null, remove));
}

async function loadCandidates() {
  const list = await api(`${base}/candidates`, { auth: true });
  const classes = list.candidates.some((c) => c.division); // a class column for pupils (SCO) only
  document.getElementById("candidates-division").hidden = !classes;
  document.getElementById("candidate-rows").replaceChildren(
    ...list.candidates.map((c) => candidateRow(c, list.enrolment_open, classes)));
  document.getElementById("candidates-empty").hidden = list.candidates.length > 0;
  document.getElementById("candidates-count").textContent = t("candidates_count", { count: list.candidates.length, capacity: list.capacity });
  document.getElementById("enrolment-closed").hidden = list.enrolment_open;
  document.getElementById("enrol-section").hidden = !list.enrolment_open;
  document.getElementById("import-section").hidden = !list.enrolment_open;
  pupilsOpen(list.enrolment_open);
}

// --- enrolment, one by one

const enrolForm = document.getElementById("enrol-form");
handleForm(enrolForm, async (data) => {
  const text = (name) => (data.get(name) || "").toString().trim();
  const body = {
    last_name: text("last_name"), first_name: text("first_name"), sex: text("sex"), birth_date: text("birth_date"),
    birth_country: text("birth_country"), birth_insee_code: text("birth_insee_code"),
    birth_postal_code: text("birth_postal_code"), birth_city: text("birth_city"), email: text("email"),
    result_recipient_email: text("result_recipient_email"), external_id: text("external_id"),
    extra_time_percentage: Number(text("extra_time_percentage") || 0),
    billing_mode: centre && centre.type !== "SCO" ? text("billing_mode") : "",
    prepayment_code: centre && centre.type !== "SCO" ? text("prepayment_code") : "",
    division: text("division"),
  };
  await api(`${base}/candidates`, { method: "POST", body, auth: true });
  enrolForm.reset();
  showStatus(enrolForm, t("enrol_done", { name: `${body.first_name} ${body.last_name}` }), "success");
  await loadCandidates();
});

// --- import from a file: a job

const importForm = document.getElementById("import-form");
const importStatus = document.getElementById("import-status");
const importErrors = document.getElementById("import-errors");
const importProgress = document.getElementById("import-progress");

// A session's list is small: the page sends it through the API, which hands it to a job (the site's CSP
// keeps the page from posting to the storage's own origin).
const MAX_FILE_BYTES = 45000;

async function asBase64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function follow(job, onChange) {
  let wait = 700;
  onChange(job);
  while (!FINISHED.includes(job.state)) {
    await pause(wait);
    wait = Math.min(wait * 1.5, 3000);
    job = await api(`/api/jobs/${encodeURIComponent(job.id)}`, { auth: true });
    onChange(job);
  }
  return job;
}

importForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = document.getElementById("import-file").files[0];
  importErrors.hidden = true;
  importErrors.replaceChildren();
  if (!file) {
    importStatus.textContent = t("import_choose");
    document.getElementById("import-file").focus();
    return;
  }
  const button = document.getElementById("import-submit");
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    if (file.size > MAX_FILE_BYTES) throw new Error(t("import_too_large"));
    importStatus.textContent = t("import_sending");
    const body = { file_name: file.name, content_base64: await asBase64(file) };
    const started = await api(`${base}/candidate-imports`, { method: "POST", body, auth: true });
    importProgress.hidden = false;
    const job = await follow(started, (current) => {
      if (!FINISHED.includes(current.state)) importStatus.textContent = t("import_running");
    });
    importProgress.hidden = true;
    if (job.state === "done") {
      importStatus.textContent = t("import_done", { count: job.progress.done });
      await loadCandidates();
    } else {
      importStatus.textContent = t("import_failed", { count: job.error_count });
      // The server's messages are French and name the line; an English page shows the catalog's for the rest.
      const french = document.documentElement.lang === "fr";
      importErrors.append(...job.errors.map((e) => h("li", null, e.line || french ? e.message : errorMessage(e))));
      importErrors.hidden = false;
    }
  } catch (error) {
    importProgress.hidden = true;
    importStatus.textContent = error.code ? errorMessage(error) : error.message;
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
});

// --- the attendance sheet: a job, then a link valid a few minutes

const sheet = document.getElementById("sheet");
const sheetStatus = document.getElementById("sheet-status");
const sheetDownload = document.getElementById("sheet-download");
sheet.addEventListener("click", async () => {
  sheet.disabled = true;
  sheet.setAttribute("aria-busy", "true");
  sheetDownload.hidden = true;
  try {
    sheetStatus.textContent = t("sheet_running");
    const job = await follow(await api(`${base}/attendance-sheet`, { method: "POST", auth: true }), () => {});
    if (job.state === "done" && job.download_url) {
      sheetDownload.href = job.download_url;
      sheetDownload.hidden = false;
      sheetStatus.textContent = t("sheet_ready");
      sheetDownload.focus();
    } else {
      sheetStatus.textContent = t("sheet_failed");
    }
  } catch (error) {
    sheetStatus.textContent = errorMessage(error);
  } finally {
    sheet.disabled = false;
    sheet.removeAttribute("aria-busy");
  }
});

// --- the session itself

document.getElementById("renew").addEventListener("click", async () => {
  if (!window.confirm(t("password_renew_confirm"))) return;
  try {
    const renewed = await api(`${base}/invigilator-password`, { method: "POST", auth: true });
    showPassword(renewed.invigilator_password);
    document.getElementById("password-title").focus();
  } catch (error) {
    showLoadError(error, status);
  }
});

document.getElementById("delete").addEventListener("click", async () => {
  if (!window.confirm(t("session_delete_confirm"))) return;
  try {
    await api(base, { method: "DELETE", auth: true });
    window.location.assign(`${root}certif/sessions/?centre=${encodeURIComponent(centreId)}`);
  } catch (error) {
    showLoadError(error, status);
  }
});

document.getElementById("back").href = `${root}certif/sessions/?centre=${encodeURIComponent(centreId)}`;
document.getElementById("edit").href = `${root}certif/sessions/nouvelle/?centre=${encodeURIComponent(centreId)}&session=${encodeURIComponent(sessionId)}`;
for (const id of ["password-title", "candidates-title"]) document.getElementById(id).tabIndex = -1;

try {
  const [session, found] = await Promise.all([
    api(base, { auth: true }), api(`/api/certif/centres/${encodeURIComponent(centreId)}`, { auth: true }),
  ]);
  centre = found;
  fill(session);
  const billed = centre.type !== "SCO";
  document.getElementById("billing").hidden = !billed;
  document.getElementById("template").href = `/assets/certif/modele-import-candidats${billed ? "-facturation" : ""}.csv`;
  const key = `pix.certif.password.${session.id}`;
  const password = sessionStorage.getItem(key);
  if (password) {
    showPassword(password);
    sessionStorage.removeItem(key);
  }
  await loadCandidates();
  if (centre.type === "SCO") await setupPupils(centreId, base, loadCandidates);
  document.getElementById("content").hidden = false;
} catch (error) {
  showLoadError(error, status);
} finally {
  done(document.getElementById("loading"));
}
