// A campaign's result page: the share of the target profile mastered, the stage (stars), badges, the
// organisation's text and button, and "J'envoie mes résultats"; a profiles collection shows the profile.
import { api } from "../api.js";
import { errorMessage, root } from "../common.js";
import { done, formatDate, h, markdown, showLoadError, svg, t } from "../ui.js";

const participation = new URLSearchParams(window.location.search).get("participation") || "";
const loading = document.getElementById("loading");
const shareButton = document.getElementById("share");
const improveButton = document.getElementById("improve");
const shareStatus = document.getElementById("share-status");
let current = null;

function star(filled) {
  return svg("svg", { viewBox: "0 0 24 24", width: "28", height: "28", "aria-hidden": "true", class: filled ? "star on" : "star" },
    svg("path", { d: "M12 2l2.9 6.9 7.1.6-5.4 4.7 1.6 7-6.2-3.8-6.2 3.8 1.6-7L2 9.5l7.1-.6z" }));
}

function renderStage(stage) {
  const box = document.getElementById("result-stage");
  if (!stage) { box.replaceChildren(); return; }
  const stars = Array.from({ length: stage.total }, (_, i) => star(i < stage.reached));
  box.replaceChildren(
    h("p", { class: "stars" }, ...stars,
      h("span", { class: "visually-hidden" }, t("camp_stage_sr", { reached: stage.reached, total: stage.total }))),
    h("p", null, h("strong", null, stage.title)),
    stage.message ? markdown(stage.message) : null);
}

function render(state) {
  current = state;
  const result = state.result;
  document.getElementById("result-organization").textContent = state.campaign.organization_name;
  document.getElementById("result-title").textContent = state.campaign.title || t("camp_result_title");
  if (!state.finished || !result) {
    document.getElementById("resume").hidden = false;
    document.getElementById("resume-link").href = `${root}evaluation/?campagne=${encodeURIComponent(participation)}`;
    return;
  }
  const collection = state.campaign.type === "PROFILES_COLLECTION";
  document.getElementById("result-mastery").textContent = collection
    ? t("camp_profile_pix", { pix: result.pix })
    : t("camp_mastery", { rate: Math.round(100 * result.mastery_rate) });
  renderStage(result.stage);
  const badges = document.getElementById("result-badges");
  badges.hidden = !result.badges.length;
  document.getElementById("badges-list").replaceChildren(...result.badges.map((b) => h("li", null,
    h("strong", null, b.title), " — ", b.message)));
  document.getElementById("col-value").textContent = collection ? t("camp_col_level") : t("camp_col_mastery");
  document.getElementById("competences").replaceChildren(...result.competences.map((c) => h("tr", null,
    h("th", { scope: "row" }, `${c.competence} ${c.title}`),
    h("td", null, collection
      ? t("camp_level_pix", { level: c.level, pix: c.pix })
      : t("camp_competence_mastery", { rate: Math.round(100 * c.mastery_rate), validated: c.validated, skills: c.skills })))));
  if (collection && result.certifiable !== null) {
    document.getElementById("result-mastery").append(" ",
      result.certifiable ? t("camp_certifiable") : t("camp_not_certifiable"));
  }
  document.getElementById("result-text").replaceChildren(markdown(state.result_text || ""));
  const button = document.getElementById("result-button");
  if (state.result_button_text && state.result_button_url && state.status === "SHARED") {
    button.hidden = false;
    const link = document.getElementById("result-button-link");
    link.textContent = state.result_button_text;
    link.href = state.result_button_url;
  }
  shareButton.hidden = state.status === "SHARED";
  improveButton.hidden = !(state.status === "SHARED" && state.can_improve);
  shareStatus.textContent = state.status === "SHARED" ? t("camp_shared_on", { date: formatDate(state.shared_at) }) : "";
  document.getElementById("result").hidden = false;
}

shareButton.addEventListener("click", async () => {
  shareButton.disabled = true;
  try {
    render(await api(`/api/campaign-participations/${encodeURIComponent(participation)}/share`,
      { method: "POST", auth: true }));
    shareStatus.textContent = t("camp_shared_now");
    improveButton.hidden ? shareStatus.focus?.() : improveButton.focus();
  } catch (error) {
    shareStatus.textContent = errorMessage(error);
    shareButton.disabled = false;
  }
});

improveButton.addEventListener("click", async () => {
  improveButton.disabled = true;
  try {
    const started = await api(`/api/campaigns/${current.campaign.code}/participations`,
      { method: "POST", body: {}, auth: true });
    window.location.assign(started.finished
      ? `${root}campagnes/resultats/?participation=${encodeURIComponent(started.participation_id)}`
      : `${root}evaluation/?campagne=${encodeURIComponent(started.participation_id)}`);
  } catch (error) {
    shareStatus.textContent = errorMessage(error);
    improveButton.disabled = false;
  }
});

try {
  render(await api(`/api/campaign-participations/${encodeURIComponent(participation)}`, { auth: true }));
} catch (error) {
  showLoadError(error, document.querySelector(".form-status"));
} finally {
  done(loading);
}
