// Pix Orga: one campaign's page: details, code, the participants' link, and (owner or admin) edit, archive,
// unarchive, delete. Exports `loadedCampaign` for the scripts of other tabs.
import { api } from "../api.js";
import { errorMessage } from "../common.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";
import { currentOrganizationId, orgaLink, organizationPath } from "./current.js";

const loading = document.getElementById("loading");
const box = document.querySelector(".form-status");
const orgId = currentOrganizationId();
const params = new URLSearchParams(window.location.search);
const campaignId = params.get("id");
const path = () => organizationPath(orgId, `/campaigns/${encodeURIComponent(campaignId)}`);

function say(text, kind = "success") {
  box.textContent = text;
  box.className = `form-status ${kind}`;
  box.hidden = false;
  box.focus();
}

function show(campaign) {
  document.getElementById("campaign-name").textContent = campaign.name;
  document.title = `${campaign.name} · ${document.title.split(" · ").pop()}`;
  document.getElementById("campaign-code").textContent = campaign.code;
  const link = document.getElementById("campaign-link");
  link.href = campaign.link;
  link.textContent = `${window.location.origin}${campaign.link}`;
  const rows = [
    ["org_campaign_type", t(`org_type_${campaign.type}`)],
    ["org_campaign_profile", campaign.target_profile_name],
    ["org_campaign_title_field", campaign.title],
    ["org_campaign_landing", campaign.landing_text],
    ["org_campaign_external_label", campaign.external_id_label
      && `${campaign.external_id_label} (${t(`org_external_${campaign.external_id_type}`)})`],
    ["org_campaign_multiple", t(campaign.multiple_sendings ? "org_yes" : "org_no")],
    ["org_campaign_result_text", campaign.result_text],
    ["org_campaign_button_text", campaign.result_button_text && `${campaign.result_button_text} → ${campaign.result_button_url}`],
    ["org_campaign_created", formatDate(campaign.created_at)],
    ["org_campaign_state", campaign.archived_at ? `${t("org_archived")} (${formatDate(campaign.archived_at)})` : t("org_active")],
  ];
  document.getElementById("campaign-fields").replaceChildren(...rows.filter(([, v]) => v).flatMap(([k, v]) =>
    [h("dt", null, t(k)), h("dd", null, v)]));
  document.getElementById("campaign-actions").hidden = !campaign.can_edit;
  document.getElementById("edit").href = orgaLink("campagnes/nouvelle/", orgId, { id: campaign.id });
  document.getElementById("archive").hidden = Boolean(campaign.archived_at);
  document.getElementById("unarchive").hidden = !campaign.archived_at;
}

async function change(suffix, method, successKey) {
  try {
    const result = await api(path() + suffix, { auth: true, method });
    if (result) show(result);
    say(t(successKey));
    return true;
  } catch (error) {
    say(errorMessage(error), "error");
    return false;
  }
}

document.getElementById("archive").addEventListener("click", () => change("/archive", "POST", "org_campaign_archived"));
document.getElementById("unarchive").addEventListener("click", () => change("/unarchive", "POST", "org_campaign_unarchived"));
document.getElementById("delete").addEventListener("click", async () => {
  if (!window.confirm(t("org_campaign_delete_confirm"))) return;
  if (await change("", "DELETE", "org_campaign_deleted")) window.location.assign(orgaLink("campagnes/", orgId));
});
document.getElementById("copy-link").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(document.getElementById("campaign-link").textContent);
    say(t("org_link_copied"));
  } catch { say(t("org_link_not_copied"), "error"); }
});

export const loadedCampaign = (async () => {
  try {
    if (!orgId || !campaignId) throw Object.assign(new Error(""), { code: "CAMPAIGN_NOT_FOUND" });
    document.getElementById("back").href = orgaLink("campagnes/", orgId);
    const campaign = await api(path(), { auth: true });
    show(campaign);
    document.getElementById("campaign").hidden = false;
    if (params.get("enregistree")) say(t("org_campaign_saved"));
    return campaign;
  } catch (error) {
    showLoadError(error, box);
    return null;
  } finally {
    done(loading);
  }
})();
