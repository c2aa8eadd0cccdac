// Campaigns: "J'ai un code" (and the learner's campaigns), then a campaign's landing page, reached by the
// code or by the link /campagnes/<CODE>/ (the static page serves every such path): organisation, title,
// text, the external id when asked, and "Je commence" (or where the learner stands).
import { api, session } from "../api.js";
import { errorMessage, root } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { done, formatDate, h, markdown, t } from "../ui.js";

const CODE = /^[A-Za-z]{6}[0-9]{3}$/;
const loading = document.getElementById("loading");

export function codeFromPath(pathname) {
  const parts = pathname.split("/").filter(Boolean);
  const at = parts.indexOf("campagnes");
  const code = at >= 0 ? parts[at + 1] : null;
  return code && CODE.test(code) ? code.toUpperCase() : null;
}

function testLink(state) {
  return `${root}evaluation/?campagne=${encodeURIComponent(state.participation_id)}`;
}

function resultLink(state) {
  return `${root}campagnes/resultats/?participation=${encodeURIComponent(state.participation_id)}`;
}

// Where to go once started, or coming back: the test while it runs, else the result page.
function next(state) {
  return state.finished ? resultLink(state) : testLink(state);
}

function showState(state) {
  const box = document.getElementById("landing-state");
  const actions = document.getElementById("landing-actions");
  if (state.status === "NONE") return false;
  box.hidden = false;
  actions.hidden = false;
  if (state.status === "STARTED") {
    box.textContent = state.finished ? t("camp_state_finished") : t("camp_state_started");
    actions.replaceChildren(h("a", { class: "button-link", href: next(state) },
      state.finished ? t("camp_see_result") : t("camp_resume")));
  } else {
    box.textContent = t("camp_state_shared", { date: formatDate(state.shared_at) });
    actions.replaceChildren(h("a", { class: "button-link", href: resultLink(state) }, t("camp_see_result")));
  }
  return true;
}

async function showLanding(code) {
  document.getElementById("code-step").hidden = true;
  const landing = document.getElementById("landing");
  const status = landing.querySelector(".form-status");
  loading.hidden = false;
  let campaign;
  try {
    campaign = await api("/api/campaigns/by-code", { method: "POST", body: { code } });
  } catch (error) {
    landing.hidden = false;
    status.textContent = errorMessage(error);
    status.className = "form-status error";
    status.hidden = false;
    done(loading);
    return;
  }
  document.getElementById("landing-organization").textContent = campaign.organization_name;
  document.getElementById("landing-title").textContent = campaign.title || t("camp_default_title");
  document.getElementById("landing-text").replaceChildren(markdown(campaign.landing_text || ""));
  landing.hidden = false;
  const here = `${root}campagnes/${campaign.code}/`;
  if (!session.get()) {
    document.getElementById("landing-login").hidden = false;
    document.getElementById("landing-login-link").href = `${root}connexion/?retour=${encodeURIComponent(here)}`;
    document.getElementById("landing-signup-link").href = `${root}inscription/?retour=${encodeURIComponent(here)}`;
    done(loading);
    return;
  }
  try {
    const state = await api(`/api/campaigns/${campaign.code}/my-participation`, { auth: true });
    if (!showState(state) || state.can_improve) startForm(campaign, state);
  } catch (error) {
    status.textContent = errorMessage(error);
    status.className = "form-status error";
    status.hidden = false;
  } finally {
    done(loading);
  }
}

function startForm(campaign, state) {
  const form = document.getElementById("start-form");
  form.hidden = false;
  const external = document.getElementById("external-step");
  const input = form.elements.external_id;
  if (state.external_id_needed) {
    external.hidden = false;
    document.querySelector("label[for=external_id]").textContent = campaign.external_id_label;
    input.type = campaign.external_id_type === "EMAIL" ? "email" : "text";
  } else {
    input.required = false;
    input.removeAttribute("aria-required");
  }
  if (state.status === "SHARED") form.querySelector("button[type=submit]").textContent = t("camp_improve");
  handleForm(form, async (data) => {
    const body = state.external_id_needed ? { external_id: data.get("external_id") } : {};
    const started = await api(`/api/campaigns/${campaign.code}/participations`, { method: "POST", body, auth: true });
    window.location.assign(next(started));
  });
}

async function showMine() {
  if (!session.get()) return;
  try {
    const { campaigns } = await api("/api/me/campaign-participations", { auth: true });
    if (!campaigns.length) return;
    document.getElementById("mine-list").replaceChildren(...campaigns.map((c) => h("li", null,
      h("a", { href: `${root}campagnes/${c.code}/` }, c.title),
      ` — ${c.organization_name} · `,
      c.status === "SHARED"
        ? t("camp_mine_shared", { date: formatDate(c.shared_at) })
        : t("camp_mine_started", { progress: Math.round(100 * c.progress) }))));
    document.getElementById("mine").hidden = false;
  } catch { /* the list is a convenience: the code form still works */ }
}

const code = codeFromPath(window.location.pathname);
if (code) {
  showLanding(code);
} else {
  const form = document.getElementById("code-form");
  handleForm(form, async (data) => {
    const typed = String(data.get("code") || "").trim().toUpperCase();
    if (!CODE.test(typed)) {
      showStatus(form, t("camp_code_invalid"));
      return;
    }
    await api("/api/campaigns/by-code", { method: "POST", body: { code: typed } });
    window.location.assign(`${root}campagnes/${typed}/`);
  });
  showMine();
}
