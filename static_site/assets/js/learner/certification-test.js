// The certification test. The page starts (or resumes) the course once the invigilator has authorised it: the
// authorisation is spent, and the entry id it returns lives in this page's memory only, so a reload or another
// computer must enter again and be authorised again. One request per challenge; no checkpoint, no right answer.
// The time limit is the server's; the page shows the time left and the certification number at the end.
import { api, ApiError, NetworkError } from "../api.js";
import { errorMessage, messages } from "../common.js";
import { done, showLoadError, t } from "../ui.js";
import { collectAnswer, renderChallenge } from "./challenge-form.js";

const $ = (id) => document.getElementById(id);
const courseId = decodeURIComponent(window.location.hash.slice(1));
const base = `/api/certification/courses/${encodeURIComponent(courseId)}`;
const pageStatus = document.querySelector(".form-status");
const form = $("answer-form");
const answerStatus = $("answer-status");
let state = null;
let entry = null;
let focusedOut = false;
let sending = false;
let countdown = null;
let clockSkew = 0;

function show(section) {
  for (const id of ["challenge", "blocked", "end"]) $(id).hidden = id !== section;
  $(`${section}-title`).focus();
}

function say(box, text, kind = "error") {
  box.textContent = text;
  box.className = `answer-status ${kind}`;
  box.hidden = !text;
  if (text && kind === "error") box.focus();
}

function timeLeft() {
  const left = Math.max(0, Math.round((new Date(state.ends_at).getTime() - (Date.now() + clockSkew)) / 60000));
  $("time-left").textContent = t("cert_time_left", { h: Math.floor(left / 60), m: String(left % 60).padStart(2, "0") });
}

// --- the challenge's own timer, as in the competence test -------------------------------------------

function stopTimer() {
  clearInterval(countdown);
  countdown = null;
  $("timer").hidden = true;
}

function startTimer(seconds) {
  stopTimer();
  $("timer-live").textContent = "";
  if (!seconds) return;
  const end = Date.now() + seconds * 1000;
  let warned = false;
  const tick = () => {
    const left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
    $("timer-value").textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    if (left <= 10 && !warned && left > 0) {
      warned = true;
      $("timer-live").textContent = t("eval_timer_warning", { n: left });
    }
    if (left === 0) {
      clearInterval(countdown);
      $("timer-live").textContent = messages.eval_timer_over;
      send(false, true);
    }
  };
  $("timer").hidden = false;
  $("timer-live").textContent = t("eval_timer_start", { n: seconds });
  tick();
  countdown = setInterval(tick, 250);
}

// --- showing where the test is ------------------------------------------------------------------------

function proceed() {
  stopTimer();
  if (state.status === "completed" || !state.challenge) {
    $("eval-progress").hidden = true;
    $("end-number").textContent = state.course_id;
    $("end-reason").textContent = messages[`cert_end_${state.ended_by || "finished"}`];
    show("end");
    return;
  }
  focusedOut = false;
  $("challenge").dataset.challengeId = state.challenge.id;
  $("challenge-title").textContent = t("cert_question", { n: state.number, total: state.total });
  $("progress-bar").value = Math.round((100 * (state.number - 1)) / state.total);
  $("progress-text").textContent = t("cert_progress", { n: state.number - 1, total: state.total });
  $("eval-progress").hidden = false;
  timeLeft();
  renderChallenge(state.challenge);
  say(answerStatus, "");
  startTimer(state.challenge.timer);
  show("challenge");
}

function blocked(error) {
  stopTimer();
  $("eval-progress").hidden = true;
  $("blocked-text").textContent = error.code === "CERTIFICATION_NOT_AUTHORISED" ? messages.cert_blocked_text : errorMessage(error);
  show("blocked");
}

// --- answering ---------------------------------------------------------------------------------------

function setBusy(busy) {
  sending = busy;
  for (const button of form.querySelectorAll("button")) button.disabled = busy;
  $("submit").toggleAttribute("aria-busy", busy);
}

async function send(skipped, timedOut = false) {
  if (sending) return;
  const { answer, complete } = collectAnswer(form, state.challenge);
  if (!skipped && !complete && !timedOut) {
    say(answerStatus, state.challenge.choices ? messages.eval_need_answer : messages.eval_need_fields);
    return;
  }
  const body = { entry_id: entry, challenge_id: state.challenge.id, answer: skipped || timedOut ? null : answer,
    skipped, focused_out: focusedOut };
  setBusy(true);
  say(answerStatus, messages.eval_sending, "info");
  try {
    state = await api(`${base}/answers`, { method: "POST", body, auth: true });
  } catch (error) {
    if (error instanceof ApiError && error.code === "CERTIFICATION_NOT_AUTHORISED") blocked(error);
    else if (error instanceof NetworkError) say(answerStatus, messages.eval_network);
    else if (error instanceof ApiError) say(answerStatus, errorMessage(error));
    else throw error;
    return;
  } finally {
    setBusy(false);
  }
  proceed();
}

// --- "signaler un problème" -------------------------------------------------------------------------

const dialog = $("report-dialog");
const reportForm = $("report-form");
$("report").addEventListener("click", () => {
  reportForm.reset();
  say($("report-status"), "");
  dialog.showModal();
});
dialog.addEventListener("click", (event) => { if (event.target.matches("[data-close]")) dialog.close(); });
reportForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(reportForm);
  if (!data.get("kind")) {
    say($("report-status"), messages.cert_report_need_kind);
    return;
  }
  const [category, subcategory] = data.get("kind").split(":");
  try {
    await api(`${base}/reports`, {
      method: "POST", auth: true,
      body: { entry_id: entry, category, subcategory: subcategory || null, description: data.get("comment").trim() },
    });
    dialog.close();
    say(answerStatus, messages.cert_report_done, "success");
    $("report").focus();
  } catch (error) {
    say($("report-status"), errorMessage(error));
  }
});

// --- wiring ------------------------------------------------------------------------------------------

form.addEventListener("submit", (event) => { event.preventDefault(); send(false); });
$("skip").addEventListener("click", () => send(true));
document.addEventListener("visibilitychange", () => {
  if (document.hidden && state?.challenge?.focused && !$("challenge").hidden) {
    focusedOut = true;
    $("focused-out").hidden = false;
  }
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
