// Linking one's account to an organisation's learner list before joining its reserved campaign. The
// campaign's code (not personal) comes in the address; the names and birth date only in the POST's body.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";
import { done, showLoadError, t } from "../ui.js";

const loading = document.getElementById("loading");
const box = document.querySelector(".form-status");
const form = document.getElementById("reconcile-form");
const intro = document.getElementById("intro");
const code = (new URLSearchParams(window.location.search).get("code") || "").trim().toUpperCase();
const path = `/api/campaigns/${encodeURIComponent(code)}/reconciliation`;
let byNumber = false;

function finished(state) {
  form.hidden = true;
  intro.hidden = false;
  intro.textContent = state.required
    ? t("reconcile_done", { name: `${state.first_name || ""} ${state.last_name || ""}`.trim(), organization: state.organization_name })
    : t("reconcile_not_required", { organization: state.organization_name });
  document.getElementById("to-campaign").href = `${root}campagnes/${encodeURIComponent(code)}/`;
  document.getElementById("done").hidden = false;
  document.getElementById("to-campaign").focus();
}

document.getElementById("switch").addEventListener("click", () => {
  byNumber = !byNumber;
  document.getElementById("names-part").hidden = byNumber;
  document.getElementById("number-part").hidden = !byNumber;
  document.getElementById("switch").textContent = t(byNumber ? "reconcile_use_names" : "reconcile_use_number");
});

handleForm(form, async (data) => {
  const body = { birth_date: data.get("birth_date") };
  if (byNumber) body.student_number = data.get("student_number");
  else Object.assign(body, { first_name: data.get("first_name"), last_name: data.get("last_name") });
  finished(await api(path, { auth: true, method: "POST", body }));
});

try {
  if (!code) throw Object.assign(new Error(""), { code: "CAMPAIGN_NOT_FOUND" });
  const state = await api(path, { auth: true });
  if (!state.required || state.reconciled) {
    finished(state);
  } else {
    intro.textContent = t("reconcile_intro", { organization: state.organization_name });
    intro.hidden = false;
    document.getElementById("switch-part").hidden = state.organization_type !== "SUP";
    form.hidden = false;
  }
} catch (error) {
  showLoadError(error, box);
} finally {
  done(loading);
}
