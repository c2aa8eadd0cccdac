// Pix Orga: the campaign form. New (no ?id) or edit (?id=…): the type never changes after creation.
import { api } from "../api.js";
import { handleForm } from "../forms.js";
import { done, h, showLoadError, t } from "../ui.js";
import { currentOrganizationId, orgaLink, organizationPath } from "./current.js";

const loading = document.getElementById("loading");
const form = document.getElementById("campaign-form");
const orgId = currentOrganizationId();
const campaignId = new URLSearchParams(window.location.search).get("id");
const TEXTS = ["name", "title", "landing_text", "external_id_label", "result_text", "result_button_text", "result_button_url"];

function type() {
  return form.querySelector("input[name=type]:checked").value;
}

function showType() {
  for (const part of form.querySelectorAll("[data-for]")) part.hidden = part.dataset.for !== type();
}

function fill(campaign) {
  for (const name of TEXTS) form.elements[name].value = campaign[name] || "";
  form.querySelector(`input[name=type][value=${campaign.type}]`).checked = true;
  for (const radio of form.querySelectorAll("input[name=type]")) radio.disabled = true;
  form.elements.target_profile_id.value = campaign.target_profile_id || "";
  form.elements.external_id_type.value = campaign.external_id_type || "TEXT";
  form.elements.multiple_sendings.checked = campaign.multiple_sendings;
  const title = document.getElementById("form-title");
  title.textContent = title.dataset.editTitle;
  document.title = `${title.dataset.editTitle} · ${document.title.split(" · ").pop()}`;
}

function body(data) {
  const value = (name) => String(data.get(name) || "").trim() || null;
  const chosen = type();
  const result = { type: chosen, multiple_sendings: form.elements.multiple_sendings.checked };
  for (const name of TEXTS) result[name] = value(name);
  result.name = result.name || "";
  result.external_id_type = result.external_id_label ? form.elements.external_id_type.value : null;
  result.target_profile_id = chosen === "ASSESSMENT" ? value("target_profile_id") : null;
  if (chosen !== "ASSESSMENT") { result.result_text = null; result.result_button_text = null; result.result_button_url = null; }
  return result;
}

form.addEventListener("change", (event) => { if (event.target.name === "type") showType(); });

handleForm(form, async (data) => {
  const path = organizationPath(orgId, campaignId ? `/campaigns/${encodeURIComponent(campaignId)}` : "/campaigns");
  const saved = await api(path, { auth: true, method: campaignId ? "PUT" : "POST", body: body(data) });
  window.location.assign(orgaLink("campagnes/campagne/", orgId, { id: saved.id, enregistree: "1" }));
});

try {
  if (!orgId) throw Object.assign(new Error(""), { code: "ORGANIZATION_NOT_FOUND" });
  document.getElementById("back").href = orgaLink("campagnes/", orgId);
  const choices = await api(organizationPath(orgId, "/target-profiles"), { auth: true });
  form.elements.target_profile_id.append(h("option", { value: "" }, t("org_campaign_profile_choose")),
    ...choices.target_profiles.map((p) => h("option", { value: p.id }, p.name)));
  if (campaignId) {
    const campaign = await api(organizationPath(orgId, `/campaigns/${encodeURIComponent(campaignId)}`), { auth: true });
    if (campaign.target_profile_id && !choices.target_profiles.some((p) => p.id === campaign.target_profile_id)) {
      form.elements.target_profile_id.append(h("option", { value: campaign.target_profile_id }, campaign.target_profile_name || "—"));
    }
    fill(campaign);
  }
  showType();
  form.hidden = false;
} catch (error) {
  showLoadError(error, document.querySelector(".form-status"));
} finally {
  done(loading);
}
