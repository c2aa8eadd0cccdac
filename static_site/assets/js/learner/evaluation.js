// Taking a competence test (?code=1.1) or a campaign's test (?campagne=<participation>): one challenge
// at a time as accessible form controls, a checkpoint every 5 answers, the results at the end (a
// campaign's end leads to the campaign's result page, where the learner sends them). An answer lost to the network stays in the form and
// sending it again is safe: the API replays the same outcome for the same challenge.
import { api, ApiError, NetworkError } from "../api.js";
import { errorMessage, messages, root } from "../common.js";
import { done, h, inline, markdown, showLoadError, t } from "../ui.js";
import { codeFromQuery, competenceTitle, savedTutorials, tutorialList } from "./shared.js";

const $ = (id) => document.getElementById(id);
const code = codeFromQuery();
const participation = participationFromQuery();
const base = participation
  ? `/api/campaign-assessments/${encodeURIComponent(participation)}`
  : `/api/competence-evaluations/${code}`;
const pageStatus = document.querySelector(".form-status");
const form = $("answer-form");
const answerStatus = $("answer-status");
let state = null;
let focusedOut = false;
let sending = false;
let countdown = null;

function participationFromQuery() {
  const id = new URLSearchParams(window.location.search).get("campagne") || "";
  return /^[\w.:-]{1,100}$/.test(id) ? id : null;
}

function show(section, heading) {
  for (const id of ["challenge", "checkpoint", "results"]) $(id).hidden = id !== section;
  $(heading).focus();
}

function say(box, text, kind = "error") {
  box.textContent = text;
  box.className = `answer-status ${kind}`;
  box.hidden = !text;
  if (text && kind === "error") box.focus();
}

// --- a challenge -------------------------------------------------------------------------------

function choiceControls(challenge, type) {
  const legend = challenge.type === "QCU" ? messages.eval_choose_one : messages.eval_choose_many;
  return h("fieldset", { class: "choices" }, h("legend", { lang: document.documentElement.lang }, legend),
    challenge.choices.map((text, i) => h("label", null,
      h("input", { type, name: "choice", value: i + 1 }), " ", h("span", null, ...inline(text)))));
}

function fieldControls(challenge) {
  const controls = challenge.fields.map((field) => {
    const id = `field-${field.id}`;
    const control = field.options.length
      ? h("select", { id, name: field.id }, h("option", { value: "" }, messages.eval_select),
        field.options.map((option) => h("option", { value: option }, option)))
      : h("input", { id, name: field.id, type: "text", autocomplete: "off", spellcheck: "false",
        inputmode: field.number ? "decimal" : null });
    return [h("label", { for: id }, field.label), control];
  });
  if (challenge.fields.length === 1) return controls[0];
  return h("fieldset", null, h("legend", { lang: document.documentElement.lang }, messages.eval_your_answer), controls);
}

// The bar and the count follow the engine's stop rule: `estimated_remaining` is its expectation of the
// questions still to come, this one included (0 once the test is over).
function renderProgress(progress, reviewing = false) {
  const total = progress.answered + progress.estimated_remaining;
  $("progress-bar").value = total ? Math.round((100 * progress.answered) / total) : 100;
  $("progress-text").textContent = reviewing
    ? t("eval_progress_answered", { n: progress.answered })
    : progress.estimated_remaining > 1
      ? t("eval_progress_text", { n: progress.answered + 1, left: progress.estimated_remaining })
      : t("eval_question", { n: progress.answered + 1 });
  $("eval-progress").hidden = false;
}

function renderChallenge() {
  const challenge = state.challenge;
  focusedOut = false;
  $("challenge").dataset.challengeId = challenge.id;
  $("challenge").dataset.assessmentId = state.assessment_id;
  $("challenge-title").textContent = t("eval_question", { n: state.progress.answered + 1 });
  renderProgress(state.progress);
  $("instruction").replaceChildren(markdown(challenge.instruction));
  const figure = $("illustration");
  figure.hidden = !challenge.illustration;
  if (challenge.illustration) {
    $("illustration-img").src = challenge.illustration.url;
    $("illustration-img").alt = challenge.illustration.alt;
  }
  $("attachments").hidden = !challenge.attachments.length;
  $("attachment-list").replaceChildren(...challenge.attachments.map((file) => h("li", null,
    h("a", { href: file.url, download: file.name }, t("eval_download", { name: file.name })))));
  $("answer-fields").replaceChildren(...[challenge.choices
    ? choiceControls(challenge, challenge.type === "QCU" ? "radio" : "checkbox")
    : fieldControls(challenge)].flat());
  $("focused").hidden = !challenge.focused;
  $("focused-out").hidden = true;
  say(answerStatus, "");
  startTimer(challenge.timer);
  show("challenge", "challenge-title");
}

function collectAnswer() {
  const challenge = state.challenge;
  if (challenge.type === "QCU") {
    const checked = form.querySelector("input[name=choice]:checked");
    return { answer: checked ? Number(checked.value) : null, complete: Boolean(checked) };
  }
  if (challenge.type === "QCM") {
    const checked = [...form.querySelectorAll("input[name=choice]:checked")].map((input) => Number(input.value));
    return { answer: checked, complete: checked.length > 0 };
  }
  const answer = Object.fromEntries(challenge.fields.map((field) => [field.id, form.elements[field.id].value]));
  return { answer, complete: Object.values(answer).every((value) => value.trim()) };
}

// --- the timer: visible, announced at the start and 10 s before the end ------------------------

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
    $("timer").classList.toggle("ending", left <= 10);
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

// --- answering ---------------------------------------------------------------------------------

function setBusy(busy) {
  sending = busy;
  for (const button of form.querySelectorAll("button")) button.disabled = busy;
  $("submit").toggleAttribute("aria-busy", busy);
}

async function send(skipped, timedOut = false) {
  if (sending) return;
  const challenge = state.challenge;
  const { answer, complete } = collectAnswer();
  if (!skipped && !complete && !timedOut) {
    say(answerStatus, challenge.choices ? messages.eval_need_answer : messages.eval_need_fields);
    return;
  }
  // Out of time, no answer is sent: the server records the challenge as timed out.
  const body = {
    assessment_id: state.assessment_id, challenge_id: challenge.id,
    answer: skipped || timedOut ? null : answer, skipped, focused_out: focusedOut,
  };
  setBusy(true);
  say(answerStatus, messages.eval_sending, "info");
  let outcome;
  try {
    outcome = await api(`${base}/answers`, { method: "POST", body, auth: true });
  } catch (error) {
    if (error instanceof NetworkError) say(answerStatus, messages.eval_network);
    else if (error instanceof ApiError) say(answerStatus, errorMessage(error));
    else throw error;
    return;
  } finally {
    setBusy(false);
  }
  stopTimer();
  $("resumed").hidden = true;
  state = outcome.assessment;
  if (outcome.checkpoint) {
    await markSaved(outcome.checkpoint.answers);
    renderReviews($("checkpoint-answers"), outcome.checkpoint.answers, "h2");
    renderProgress(state.progress, true);
    $("checkpoint-continue").textContent = state.status === "completed" ? messages.checkpoint_see_results : messages.checkpoint_continue;
    show("checkpoint", "checkpoint-title");
  } else {
    proceed();
  }
}

function proceed() {
  if (state.status !== "completed") renderChallenge();
  else if (participation) showCampaignEnd();
  else loadResults();
}

// --- checkpoint and results --------------------------------------------------------------------

// An answer as the API gives it (right or the learner's): chosen proposals, or each field's value.
function answerList(answer) {
  if (answer.choices) return h("ul", { lang: "fr" }, answer.choices.map((c) => h("li", null, ...inline(c.text))));
  return h("ul", { lang: "fr" }, (answer.fields || []).map((f) => h("li", null, `${f.label}\u00a0: `,
    f.value ? h("strong", null, f.value) : h("span", { lang: document.documentElement.lang }, messages.your_answer_empty))));
}

// A checkpoint's tutorials come without their saved state (the answer reads nothing more): the page's
// saved list marks them, read once.
async function markSaved(answers) {
  if (!answers.some((item) => item.tutorials.length)) return;
  try {
    await savedTutorials();
  } catch {
    // Not fatal: the buttons then show "Enregistrer", and saving again is harmless.
  }
}

function renderReviews(list, answers, level) {
  list.replaceChildren(...answers.map((item) => {
    const ok = item.correct;
    const files = item.challenge.attachments;
    return h("li", { class: `review ${ok ? "ok" : "ko"}` },
      h(level, { class: "review-title" }, h("span", { "aria-hidden": "true" }, ok ? "✓ " : "✗ "),
        t("review_title", { question: t("eval_question", { n: item.number }), result: messages[`result_${item.result}`] || item.result })),
      h("details", null, h("summary", null, messages.show_question),
        h("div", { class: "instruction", lang: "fr" }, markdown(item.challenge.instruction)),
        files.length > 0 && [h("p", null, h("strong", null, messages.review_attachments)),
          h("ul", null, files.map((file) => h("li", null, h("a", { href: file.url, download: file.name }, t("eval_download", { name: file.name })))))]),
      h("div", { class: "review-answers" },
        item.your_answer && h("div", { class: "your-answer" }, h("p", null, h("strong", null, messages.your_answer)), answerList(item.your_answer)),
        h("div", { class: "right-answer" }, h("p", null, h("strong", null, messages.right_answer)), answerList(item.right_answer))),
      item.explanation && h("div", { class: "explanation" }, h("p", null, h("strong", null, messages.review_explanation)),
        h("p", { lang: "fr" }, ...inline(item.explanation))),
      item.tutorials.length > 0 && [h("p", null, h("strong", null, messages.answer_tutorials)), tutorialList(item.tutorials)]);
  }));
}

async function loadResults() {
  stopTimer();
  const results = await api(`/api/competence-evaluations/${code}/results`, { auth: true });
  const summary = results.level > 0
    ? [h("p", { class: "congrats" }, t("results_congrats", { level: results.level, pix: results.pix_gained }))]
    : [h("p", { class: "congrats" }, messages.results_level0),
      results.pix_gained > 0 && h("p", null, t("results_level0_pix", { pix: results.pix_gained }))];
  $("results-summary").replaceChildren(...summary.filter(Boolean));
  renderReviews($("results-answers"), results.answers, "h3");
  $("eval-progress").hidden = true;
  show("results", "results-title");
}

// A campaign's end: the share of the target profile mastered, and the way to the campaign's result page.
function showCampaignEnd() {
  stopTimer();
  const results = state.results;
  $("results-summary").replaceChildren(h("p", { class: "congrats" }, t("campaign_done", {
    rate: Math.round(100 * results.mastery_rate), validated: results.validated, skills: results.skills,
  })));
  $("results-competence").hidden = true;
  $("results-answers-title").hidden = true;
  $("results-answers").hidden = true;
  const link = $("results-campaign"); // the campaign's result page (the orga room's pages)
  link.href = `${root}campagnes/resultats/?participation=${encodeURIComponent(participation)}`;
  link.hidden = false;
  $("eval-progress").hidden = true;
  show("results", "results-title");
}

// --- problem reports ---------------------------------------------------------------------------

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
  if (!data.get("category")) {
    say($("report-status"), messages.eval_report_need_category);
    return;
  }
  try {
    await api(`${base}/problem-reports`, {
      method: "POST", auth: true,
      body: { challenge_id: state.challenge.id, category: data.get("category"), comment: data.get("comment").trim() || null },
    });
    dialog.close();
    say(answerStatus, messages.eval_report_done, "success");
    $("report").focus();
  } catch (error) {
    say($("report-status"), errorMessage(error));
  }
});

// --- wiring ------------------------------------------------------------------------------------

form.addEventListener("submit", (event) => { event.preventDefault(); send(false); });
$("skip").addEventListener("click", () => send(true));
$("checkpoint-continue").addEventListener("click", proceed);
document.addEventListener("visibilitychange", () => {
  if (document.hidden && state?.challenge?.focused && !$("challenge").hidden) {
    focusedOut = true;
    $("focused-out").hidden = false;
  }
});

async function competenceTest() {
  if (!code) throw new ApiError(404, "NOT_FOUND", "");
  $("eval-competence").textContent = `${code} ${competenceTitle(code)}`;
  $("results-competence").href = `${root}competence/?code=${code}`;
  if (window.location.hash === "#resultats") {
    await loadResults();
  } else {
    try {
      state = await api(`/api/competence-evaluations/${code}`, { method: "POST", auth: true });
      $("resumed").hidden = !state.resumed;
      proceed();
    } catch (error) {
      if (error.code !== "EVALUATION_COMPLETED") throw error;
      await loadResults();
    }
  }
}

const loading = document.getElementById("loading");
try {
  if (participation) {
    // The organisation's page started the test: here the learner takes it, or comes back to it.
    $("eval-competence").textContent = messages.eval_campaign_title;
    state = await api(base, { auth: true });
    $("resumed").hidden = !(state.resumed && state.progress.answered > 0);
    proceed();
  } else {
    await competenceTest();
  }
} catch (error) {
  showLoadError(error, pageStatus);
} finally {
  done(loading);
}
