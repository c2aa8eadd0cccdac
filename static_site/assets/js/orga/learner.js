// Pix Orga: one pupil or student of the list, their account and participations; admins unlink or delete,
// a school's members give a pupil's account a new temporary password (a CSV to hand out).
import { api } from "../api.js";
import { errorMessage } from "../common.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";
import { offerDownload } from "./handout.js";
import { currentOrganizationId, orgaLink, organizationPath } from "./current.js";

const loading = document.getElementById("loading");
const box = document.querySelector(".form-status");
const orgId = currentOrganizationId();
const learnerId = new URLSearchParams(window.location.search).get("id");
const path = () => organizationPath(orgId, `/learners/${encodeURIComponent(learnerId || "")}`);

function say(text, kind = "success") {
  box.textContent = text;
  box.className = `form-status ${kind}`;
  box.hidden = false;
  box.focus();
}

function fact(label, value) {
  return value ? [h("dt", null, label), h("dd", null, value)] : [];
}

function show(detail, organization) {
  const l = detail.learner;
  document.getElementById("learner-name").textContent = `${l.first_name} ${l.last_name}`;
  const status = l.anonymised ? t("org_learner_deleted") : (l.active ? t("org_learner_active") : t("org_learner_disabled"));
  document.getElementById("facts").replaceChildren(
    ...fact(t("org_learners_birth"), l.birth_date && formatDate(l.birth_date)),
    ...fact(t("org_learner_other_names"), [l.second_first_name, l.third_first_name].filter(Boolean).join(", ")),
    ...fact(t("org_learner_usage_name"), l.usage_name),
    ...fact(t("org_learner_ine"), l.national_id),
    ...fact(t("org_learner_student_number"), l.student_number),
    ...fact(t("org_learners_division"), l.division),
    ...fact(t("org_learners_group"), l.group),
    ...fact(t("org_learners_status"), status),
  );
  const account = detail.account;
  document.getElementById("account-state").textContent = !l.linked ? t("org_learner_no_account")
    : account ? t("org_learner_linked", { login: [account.username, account.email].filter(Boolean).join(" / ") })
      : t("org_learner_linked_unknown");
  document.getElementById("reset-password").hidden = !(organization.type === "SCO" && account && account.pupil_account);
  document.getElementById("unlink").disabled = !l.linked;
  document.getElementById("delete").disabled = l.anonymised;
  const list = document.getElementById("participations");
  if (detail.participations === null) list.replaceChildren(h("li", null, t("org_learner_participations_unavailable")));
  else if (detail.participations.length === 0) list.replaceChildren(h("li", null, t("org_learner_participations_none")));
  else list.replaceChildren(...detail.participations.map((p) => h("li", null,
    h("a", { href: orgaLink("campagnes/campagne/", orgId, { id: p.campaign_id }) }, p.campaign_name),
    ` (${formatDate(p.created_at)})`)));
}

async function load(organization) {
  show(await api(path(), { auth: true }), organization);
}

async function main() {
  if (!orgId || !learnerId) throw Object.assign(new Error(""), { code: "LEARNER_NOT_FOUND" });
  document.getElementById("back").href = orgaLink("eleves/", orgId);
  const organization = await api(organizationPath(orgId), { auth: true });
  const mine = await api("/api/me/organizations", { auth: true });
  if (mine.organizations.find((o) => o.id === orgId)?.role === "ADMIN") {
    for (const node of document.querySelectorAll("[data-admin]")) node.hidden = false;
  }
  await load(organization);

  document.getElementById("unlink").addEventListener("click", async () => {
    if (!window.confirm(t("org_learner_unlink_confirm"))) return;
    try {
      await api(`${path()}/account`, { auth: true, method: "DELETE" });
      await load(organization);
      say(t("org_learner_unlinked"));
    } catch (error) { say(errorMessage(error), "error"); }
  });
  document.getElementById("delete").addEventListener("click", async () => {
    if (!window.confirm(t("org_learner_delete_confirm"))) return;
    try {
      await api(path(), { auth: true, method: "DELETE" });
      await load(organization);
      say(t("org_learner_deleted_done"));
    } catch (error) { say(errorMessage(error), "error"); }
  });
  document.getElementById("reset-password").addEventListener("click", async () => {
    if (!window.confirm(t("org_learner_reset_confirm"))) return;
    try {
      const made = await api(`${path()}/password-reset`, { auth: true, method: "POST" });
      offerDownload(document.getElementById("handout-download"), made.csv, made.file_name);
      document.getElementById("handout").hidden = false;
      const pupil = made.accounts[0];
      document.getElementById("handout-state").textContent = t("org_learner_reset_done",
        { username: pupil.username, password: pupil.password });
      document.getElementById("handout-download").focus();
    } catch (error) { say(errorMessage(error), "error"); }
  });
}

try {
  await main();
  document.getElementById("content").hidden = false;
} catch (error) {
  showLoadError(error, box);
} finally {
  done(loading);
}
