// The certification test. The page starts (or resumes) the course once the invigilator has authorised it: the
// authorisation is spent, and the entry id it returns lives in this page's memory only, so a reload or another
// computer must enter again and be authorised again. One request per challenge; no checkpoint, no right answer.
// The time limit is the server's; the page shows the time left and the certification number at the end. The
// challenge itself, its answer and "signaler un problème" are the challenge component's (challenge-form.js).
import { api, ApiError } from "../api.js";
import { errorMessage, messages } from "../common.js";
import { done, showLoadError, t } from "../ui.js";
import { challengeForm } from "./challenge-form.js";

const $ = (id) => document.getElementById(id);
const courseId = decodeURIComponent(window.location.hash.slice(1));
const base = `/api/certification/courses/${encodeURIComponent(courseId)}`;
const pageStatus = document.querySelector(".form-status");
let state = null;
let entry = null;
let clockSkew = 0;

function show(section) {
  for (const id of ["challenge", "blocked", "end"]) $(id).hidden = id !== section;
  $(`${section}-title`).focus();
}

function timeLeft() {
  const left = Math.max(0, Math.round((new Date(state.ends_at).getTime() - (Date.now() + clockSkew)) / 60000));
  $("time-left").textContent = t("cert_time_left", { h: Math.floor(left / 60), m: String(left % 60).padStart(2, "0") });
}

// --- showing where the test is ------------------------------------------------------------------------

function proceed() {
  form.stop();
  if (state.status === "completed" || !state.challenge) {
    $("eval-progress").hidden = true;
    $("end-number").textContent = state.course_id;
    $("end-reason").textContent = messages[`cert_end_${state.ended_by || "finished"}`];
    show("end");
    return;
  }
  $("challenge-title").textContent = t("cert_question", { n: state.number, total: state.total });
  $("progress-bar").value = Math.round((100 * (state.number - 1)) / state.total);
  $("progress-text").textContent = t("cert_progress", { n: state.number - 1, total: state.total });
  $("eval-progress").hidden = false;
  timeLeft();
  form.show(state.challenge);
  show("challenge");
}

function blocked(error) {
  form.stop();
  $("eval-progress").hidden = true;
  $("blocked-text").textContent = error.code === "CERTIFICATION_NOT_AUTHORISED" ? messages.cert_blocked_text : errorMessage(error);
  show("blocked");
}

// --- the challenge component ------------------------------------------------------------------------

const form = challengeForm({
  post: (answer) => api(`${base}/answers`, { method: "POST", auth: true, body: { entry_id: entry, ...answer } }),
  answered: (running) => {
    state = running;
    proceed();
  },
  refused: (error) => {
    if (error.code !== "CERTIFICATION_NOT_AUTHORISED") return false;
    blocked(error); // this entry is no longer authorised: the invigilator must authorise it again
    return true;
  },
  report: {
    field: "kind", missing: messages.cert_report_need_kind, done: messages.cert_report_done,
    post: (data) => {
      const [category, subcategory] = data.get("kind").split(":");
      return api(`${base}/reports`, {
        method: "POST", auth: true,
        body: { entry_id: entry, category, subcategory: subcategory || null, description: data.get("comment").trim() },
      });
    },
  },
});
setInterval(() => { if (state && state.status === "started") timeLeft(); }, 30000);

const loading = $("loading");
try {
  if (!courseId) throw new ApiError(404, "CERTIFICATION_NOT_FOUND", "");
  state = await api(`${base}/start`, { method: "POST", auth: true });
  entry = state.entry_id;
  clockSkew = new Date(state.now).getTime() - Date.now();
  proceed();
} catch (error) {
  if (error instanceof ApiError && error.status !== 401 && error.code !== "CERTIFICATION_NOT_FOUND") blocked(error);
  else showLoadError(error, pageStatus);
} finally {
  done(loading);
}
