// Pix Orga: members and invitations of the current organisation. Admins manage; members see and may leave.
import { api } from "../api.js";
import { errorMessage, root } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { done, formatDate, h, showLoadError, t } from "../ui.js";
import { currentOrganizationId, organizationPath } from "./current.js";

const loading = document.getElementById("loading");
const box = document.querySelector(".form-status");
const orgId = currentOrganizationId();
const rows = document.getElementById("members-rows");
const more = document.getElementById("more");
let cursor = null;
let myRole = null;
let me = null;

function say(text, kind = "success") {
  box.textContent = text;
  box.className = `form-status ${kind}`;
  box.hidden = false;
  box.focus();
}

async function act(promise, successKey) {
  try {
    await promise;
    say(t(successKey));
    return true;
  } catch (error) {
    say(errorMessage(error), "error");
    return false;
  }
}

function memberRow(member) {
  const name = `${member.first_name} ${member.last_name}`;
  const cells = [
    h("td", null, name, member.user_id === me ? ` (${t("org_you")})` : ""),
    h("td", null, member.email || "—"),
  ];
  if (myRole === "ADMIN") {
    const select = h("select", { "aria-label": t("org_role_of", { name }) },
      h("option", { value: "MEMBER", selected: member.role === "MEMBER" }, t("org_role_MEMBER")),
      h("option", { value: "ADMIN", selected: member.role === "ADMIN" }, t("org_role_ADMIN")));
    select.addEventListener("change", async () => {
      const ok = await act(api(organizationPath(orgId, `/members/${member.user_id}`),
        { auth: true, method: "PATCH", body: { role: select.value } }), "org_role_changed");
      if (!ok) select.value = member.role; else member.role = select.value;
    });
    const remove = h("button", { type: "button", class: "secondary outline" }, t("org_remove"),
      h("span", { class: "visually-hidden" }, ` ${name}`));
    remove.addEventListener("click", async () => {
      if (!window.confirm(t("org_remove_confirm", { name }))) return;
      if (await act(api(organizationPath(orgId, `/members/${member.user_id}`), { auth: true, method: "DELETE" }),
        "org_removed")) row.remove();
    });
    cells.push(h("td", null, select), h("td", null, remove));
  } else {
    cells.push(h("td", null, t(`org_role_${member.role}`)));
  }
  const row = h("tr", null, ...cells);
  return row;
}

async function loadMembers() {
  const query = new URLSearchParams({ limit: "50" });
  if (cursor) query.set("cursor", cursor);
  const page = await api(organizationPath(orgId, `/members?${query}`), { auth: true });
  myRole = page.my_role;
  rows.append(...page.members.map(memberRow));
  cursor = page.next_cursor;
  more.hidden = !cursor;
}

function pendingRow(invitation) {
  const resend = h("button", { type: "button", class: "secondary" }, t("org_resend"),
    h("span", { class: "visually-hidden" }, ` ${invitation.email}`));
  const cancel = h("button", { type: "button", class: "secondary outline" }, t("org_cancel_invitation"),
    h("span", { class: "visually-hidden" }, ` ${invitation.email}`));
  const expires = h("td", null, invitation.expired ? t("org_expired") : formatDate(invitation.expires_at));
  resend.addEventListener("click", async () => {
    try {
      const again = await api(organizationPath(orgId, `/invitations/${invitation.id}/resend`), { auth: true, method: "POST" });
      expires.textContent = formatDate(again.expires_at);
      say(t("org_resent", { email: invitation.email }));
    } catch (error) { say(errorMessage(error), "error"); }
  });
  const row = h("tr", null, h("td", null, invitation.email), h("td", null, t(`org_role_${invitation.role}`)), expires,
    h("td", null, resend, " ", cancel));
  cancel.addEventListener("click", async () => {
    if (await act(api(organizationPath(orgId, `/invitations/${invitation.id}`), { auth: true, method: "DELETE" }),
      "org_invitation_cancelled")) { row.remove(); emptyPending(); }
  });
  return row;
}

function emptyPending() {
  document.getElementById("pending-empty").hidden = document.getElementById("pending-rows").children.length > 0;
}

async function loadInvitations() {
  const list = await api(organizationPath(orgId, "/invitations"), { auth: true });
  document.getElementById("pending-rows").replaceChildren(...list.invitations.map(pendingRow));
  emptyPending();
}

more.addEventListener("click", async () => {
  try { await loadMembers(); } catch (error) { showLoadError(error, box); }
});

document.getElementById("leave").addEventListener("click", async () => {
  if (!window.confirm(t("org_leave_confirm"))) return;
  if (await act(api(organizationPath(orgId, "/leave"), { auth: true, method: "POST" }), "org_left")) {
    localStorage.removeItem("pix.orga.current");
    window.location.assign(`${root}orga/`);
  }
});

handleForm(document.getElementById("invite-form"), async (data) => {
  const emails = String(data.get("emails")).split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean);
  const sent = await api(organizationPath(orgId, "/invitations"),
    { auth: true, method: "POST", body: { emails, role: data.get("role"), lang: document.documentElement.lang } });
  document.getElementById("emails").value = "";
  await loadInvitations();
  showStatus(document.getElementById("invite-form"), t("org_invited", { count: sent.invitations.length }), "success");
}, { fields: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`emails.${i}`, "emails"])) });

try {
  if (!orgId) throw Object.assign(new Error(""), { code: "ORGANIZATION_NOT_FOUND" });
  me = (await api("/api/me", { auth: true })).id;
  const org = await api(organizationPath(orgId), { auth: true });
  document.getElementById("org-name").textContent = org.name;
  await loadMembers();
  if (myRole === "ADMIN") {
    for (const node of document.querySelectorAll("[data-admin]")) node.hidden = false;
    await loadInvitations();
  }
  document.getElementById("content").hidden = false;
} catch (error) {
  showLoadError(error, box);
} finally {
  done(loading);
}
