// A competence: what it covers, the learner's level, the 8 levels, and what they can do now
// (start, resume, retry, reset, each with the date it opens) with tutorials to learn more.
import { api } from "../api.js";
import { errorMessage, messages, root } from "../common.js";
import { done, formatDate, h, lang, showLoadError, t } from "../ui.js";
import { codeFromQuery, competenceTitle, ring, savedTutorials, testLength, towardsNext, tutorialList } from "./shared.js";

const $ = (id) => document.getElementById(id);
const code = codeFromQuery();
const status = document.querySelector(".form-status");

function opensLater(iso) {
  return iso && Date.parse(iso) > Date.now();
}

let length = null; // the test's length, to say before it starts (from the profile)

function actions(mine) {
  const box = $("competence-actions");
  const notes = $("competence-notes");
  box.replaceChildren();
  notes.replaceChildren();
  const evaluation = `${root}evaluation/?code=${code}`;
  if (!mine.available) { notes.append(h("p", null, messages.competence_unavailable)); return; }
  if (mine.evaluation === "started") { box.append(h("a", { href: evaluation, class: "button-link" }, messages.competence_resume)); return; }
  if (mine.evaluation === "none") {
    box.append(h("a", { href: evaluation, class: "button-link" }, messages.competence_start));
    notes.append(h("p", { class: "muted" }, testLength(length)));
    return;
  }
  box.append(h("a", { href: `${evaluation}#resultats`, class: "button-link secondary" }, messages.competence_results));
  if (mine.improve_opens_at && !opensLater(mine.improve_opens_at)) {
    box.append(h("button", { type: "button", id: "retry" }, messages.competence_retry));
    notes.append(h("p", { class: "muted" }, messages.competence_retry_help, " ", testLength(length)));
  } else if (mine.improve_opens_at) {
    notes.append(h("p", null, t("competence_retry_at", { date: formatDate(mine.improve_opens_at) })));
  }
  if (mine.reset_opens_at && !opensLater(mine.reset_opens_at)) {
    box.append(h("button", { type: "button", class: "outline secondary", id: "reset" }, messages.competence_reset));
  } else if (mine.reset_opens_at) {
    notes.append(h("p", null, t("competence_reset_at", { date: formatDate(mine.reset_opens_at) })));
  }
}

function render(framework, profile, recommended, saved) {
  const competence = framework.domains.flatMap((d) => d.competences.map((c) => ({ ...c, domain: d.code })))
    .find((c) => c.code === code);
  const mine = profile.competences.find((c) => c.code === code);
  if (!competence || !mine) throw Object.assign(new Error(), { code: "NOT_FOUND" });
  const title = `${code} ${competenceTitle(code, competence.title)}`;
  document.title = `${title} · ${messages.site_name}`;
  $("competence-title").textContent = title;
  $("competence").classList.add(`domain-${competence.domain}`);
  length = profile.test_length;
  const step = towardsNext(mine, profile.max_reachable_level);
  $("competence-level").append(ring(step.share, mine.level, 96),
    h("p", null, h("strong", null, t("profile_level", { level: mine.level })), h("br"), t("profile_pix", { pix: mine.pix })));
  $("competence-description").textContent = competence.description;
  $("content-note").hidden = lang === "fr";
  $("competence-themes").append(...competence.themes.map((theme) => h("li", null, theme)));
  $("levels").append(...framework.levels.map((level) => h("li", { class: level.level === mine.level ? "current" : null },
    h("strong", null, `${t("profile_level", { level: level.level })} · ${messages[`stage_${level.level}`] || level.stage}`),
    level.level === mine.level && h("span", { class: "badge" }, messages.competence_current),
    h("br"), messages[`level_${level.level}`] || level.descriptor)));
  actions(mine);
  // The server sends this competence's tutorials only, those of the skills failed most recently first.
  const ours = recommended.tutorials;
  $("recommended").replaceChildren(ours.length ? tutorialList(ours) : h("p", null, messages.tutorials_recommended_none));
  $("saved").replaceChildren(saved.tutorials.length ? tutorialList(saved.tutorials) : h("p", null, messages.tutorials_saved_none));
}

async function post(action) {
  try {
    const answer = await api(`/api/competences/${code}/${action}`, { method: "POST", auth: true });
    if (action === "retry") { window.location.assign(`${root}evaluation/?code=${code}`); return; }
    actions(answer);
    status.textContent = messages.competence_reset_done;
    status.className = "form-status success";
    status.hidden = false;
    status.focus();
  } catch (error) {
    const opens = error.meta?.opens_at;
    status.textContent = opens ? t(`competence_${action}_at`, { date: formatDate(opens) }) : errorMessage(error);
    status.className = "form-status error";
    status.hidden = false;
    status.focus();
  }
}

const dialog = $("reset-dialog");
document.addEventListener("click", (event) => {
  if (event.target.closest("#retry")) post("retry");
  if (event.target.closest("#reset")) dialog.showModal();
  if (event.target.closest("[data-close]")) dialog.close();
  if (event.target.closest("#reset-confirm")) { dialog.close(); post("reset"); }
});

const loading = $("loading");
try {
  if (!code) throw Object.assign(new Error(), { code: "NOT_FOUND" });
  const [framework, profile, recommended, saved] = await Promise.all([
    api("/api/frameworks"), api("/api/profile", { auth: true }),
    api(`/api/tutorials/recommended?competence=${encodeURIComponent(code)}`, { auth: true }),
    savedTutorials(),
  ]);
  render(framework, profile, recommended, saved);
  $("competence").hidden = false;
  $("competence-title").focus();
} catch (error) {
  showLoadError(error, status);
} finally {
  done(loading);
}
