// Taking a competence test (?code=1.1) or a campaign's test (?campagne=<participation>): one challenge
// at a time (the challenge component, challenge-form.js), a checkpoint every 5 answers, the results at the end
// (a campaign's end leads to the campaign's result page, where the learner sends them).
import { api, ApiError } from "../api.js";
import { messages, root } from "../common.js";
import { done, h, inline, markdown, showLoadError, t } from "../ui.js";
import { attachmentItems, challengeForm } from "./challenge-form.js";
import { codeFromQuery, competenceTitle, savedTutorials, tutorialList } from "./shared.js";

const $ = (id) => document.getElementById(id);
const code = codeFromQuery();
const participation = participationFromQuery();
const base = participation
  ? `/api/campaign-assessments/${encodeURIComponent(participation)}`
  : `/api/competence-evaluations/${code}`;
const pageStatus = document.querySelector(".form-status");
let state = null;

function participationFromQuery() {
  const id = new URLSearchParams(window.location.search).get("campagne") || "";
  return /^[\w.:-]{1,100}$/.test(id) ? id : null;
}

function show(section, heading) {
  for (const id of ["challenge", "checkpoint", "results"]) $(id).hidden = id !== section;
  $(heading).focus();
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
  $("challenge").dataset.assessmentId = state.assessment_id;
  $("challenge-title").textContent = t("eval_question", { n: state.progress.answered + 1 });
  renderProgress(state.progress);
  form.show(state.challenge);
  show("challenge", "challenge-title");
}

// --- after an answer --------------------------------------------------------------------------

async function answered(outcome) {
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
          h("ul", null, attachmentItems(files))]),
      h("div", { class: "review-answers" },
        item.your_answer && h("div", { class: "your-answer" }, h("p", null, h("strong", null, messages.your_answer)), answerList(item.your_answer)),
        h("div", { class: "right-answer" }, h("p", null, h("strong", null, messages.right_answer)), answerList(item.right_answer))),
      item.explanation && h("div", { class: "explanation" }, h("p", null, h("strong", null, messages.review_explanation)),
        h("p", { lang: "fr" }, ...inline(item.explanation))),
      item.tutorials.length > 0 && [h("p", null, h("strong", null, messages.answer_tutorials)), tutorialList(item.tutorials)]);
  }));
}

async function loadResults() {
  form.stop();
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
  form.stop();
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

// --- wiring ------------------------------------------------------------------------------------

const form = challengeForm({
  post: (answer) => api(`${base}/answers`, {
    method: "POST", auth: true, body: { assessment_id: state.assessment_id, ...answer },
  }),
  answered,
  report: {
    field: "category", missing: messages.eval_report_need_category, done: messages.eval_report_done,
    post: (data) => api(`${base}/problem-reports`, {
      method: "POST", auth: true,
      body: { challenge_id: state.challenge.id, category: data.get("category"), comment: data.get("comment").trim() || null },
    }),
  },
});
$("checkpoint-continue").addEventListener("click", proceed);

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
