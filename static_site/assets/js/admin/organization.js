// Pix Admin: one organisation: fields, edit, archive, members, pending invitations and a new invitation.
import { api } from "../api.js";
import { errorMessage } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";
import { showTrail } from "./trail.js";

const loading = document.getElementById("loading");
const box = document.querySelector(".form-status");
const params = new URLSearchParams(window.location.search);
const id = params.get("id");
const base = `/api/admin/organizations/${encodeURIComponent(id || "")}`;
const editForm = document.getElementById("edit-form");

function show(org) {
  showTrail(document.getElementById("trail"), "organization", org.id); // read again after each change; a help only
  document.getElementById("org-name").textContent = org.name;
  document.title = `${org.name} · ${document.title.split(" · ").pop()}`;
  const rows = [
    ["adm_org_type", t(`adm_org_type_${org.type}`)], ["adm_org_external_id", org.external_id],
    ["adm_org_province", org.province_code], ["adm_org_manages_students", t(org.manages_students ? "adm_org_yes" : "adm_org_no")],
    ["adm_org_email", org.email], ["adm_org_tags", org.tags.join(", ")],
    ["adm_org_created", formatDate(org.created_at)],
    ["adm_org_state", org.archived_at ? `${t("adm_org_archived")} (${formatDate(org.archived_at)})` : t("adm_org_active")],
    ["adm_org_counts", org.members !== undefined ? t("adm_org_counts_value", { members: org.members, admins: org.admins }) : null],
  ];
  document.getElementById("org-fields").replaceChildren(...rows.filter(([, v]) => v).flatMap(([k, v]) =>
    [h("dt", null, t(k)), h("dd", null, String(v))]));
  document.getElementById("archive").hidden = Boolean(org.archived_at);
  for (const name of ["name", "external_id", "province_code", "email"]) editForm.elements[name].value = org[name] || "";
  editForm.elements.tags.value = org.tags.join(", ");
  editForm.elements.manages_students.checked = org.manages_students;
}

async function loadPeople() {
  const members = await api(`${base}/members?limit=100`, { auth: true });
  document.getElementById("members-rows").replaceChildren(...members.members.map((m) => h("tr", null,
    h("td", null, `${m.first_name} ${m.last_name}`), h("td", null, m.email || "—"), h("td", null, t(`adm_org_role_${m.role}`)))));
  document.getElementById("members-empty").hidden = members.members.length > 0;
  const pending = await api(`${base}/invitations`, { auth: true });
  document.getElementById("pending").replaceChildren(...pending.invitations.map((i) => h("li", null,
    t("adm_org_pending_item", { email: i.email, role: t(`adm_org_role_${i.role}`), date: formatDate(i.expires_at) }))));
}

async function loadCredits() {
  const credits = await api(`${base}/credits`, { auth: true });
  document.getElementById("credits-balance").textContent = t("adm_org_credits_balance", {
    balance: credits.balance, consumed: credits.consumed, without: credits.without_credit });
  document.getElementById("credits-purchases").replaceChildren(...credits.purchases.map((p) => h("li", null,
    t("adm_org_credits_purchase", { amount: p.amount, date: formatDate(p.purchased_at), remaining: p.remaining,
      expires: formatDate(p.expires_at) }))));
}

const purchaseForm = document.getElementById("purchase-form");
handleForm(purchaseForm, async (data) => {
  await api(`${base}/credit-purchases`, { auth: true, method: "POST", body: { amount: Number(data.get("amount")) } });
  purchaseForm.reset();
  await loadCredits();
  showTrail(document.getElementById("trail"), "organization", id);
  showStatus(purchaseForm, t("adm_org_credits_recorded"), "success");
});

document.getElementById("archive").addEventListener("click", async () => {
  if (!window.confirm(t("adm_org_archive_confirm"))) return;
  try {
    show(await api(`${base}/archive`, { auth: true, method: "POST" }));
    showStatus(editForm, t("adm_org_archived_done"), "success");
  } catch (error) { showStatus(editForm, errorMessage(error)); }
});

handleForm(editForm, async (data) => {
  const value = (name) => String(data.get(name) || "").trim() || null;
  const body = { name: value("name") || "", external_id: value("external_id"), province_code: value("province_code"),
    manages_students: editForm.elements.manages_students.checked, email: value("email"),
    tags: (value("tags") || "").split(",").map((s) => s.trim()).filter(Boolean) };
  show({ ...(await api(base, { auth: true, method: "PATCH", body })) });
  showStatus(editForm, t("adm_org_saved"), "success");
});

const inviteForm = document.getElementById("invite-form");
handleForm(inviteForm, async (data) => {
  await api(`${base}/invitations`, { auth: true, method: "POST", body: {
    emails: [String(data.get("invite_email")).trim()], role: data.get("invite_role"), lang: document.documentElement.lang } });
  inviteForm.reset();
  await loadPeople();
  showStatus(inviteForm, t("adm_org_invited"), "success");
}, { fields: { "emails.0": "invite_email", emails: "invite_email" } });

try {
  if (!id) throw Object.assign(new Error(""), { code: "ORGANIZATION_NOT_FOUND" });
  show(await api(base, { auth: true }));
  await loadPeople();
  await loadCredits();
  document.getElementById("organization").hidden = false;
  if (params.get("cree")) showStatus(editForm, t("adm_org_created_done"), "success");
} catch (error) {
  showLoadError(error, box);
} finally {
  done(loading);
}
