// The Pix Admin team (super admins): list the members, add one by the e-mail of an existing account, change
// a role, disable a member; each member's trail on demand. A role change applies at the member's next request.
import { api } from "../api.js";
import { errorMessage } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { pagedList } from "../paged-list.js";
import { h, t } from "../ui.js";
import { adminPage } from "./shell.js";
import { showTrail } from "./trail.js";

const ROLES = ["SUPPORT", "METIER", "CERTIF", "SUPER_ADMIN"];
const tbody = document.getElementById("members");
const status = document.getElementById("members-status");
let meId = null;

function say(text, kind = "success") {
  status.textContent = text;
  status.className = kind;
  status.focus();
}

async function call(path, options, done) {
  try {
    await api(path, { ...options, auth: true });
    await list.reload();
    say(done);
  } catch (error) {
    say(errorMessage(error), "error");
  }
}

function row(m) {
  const name = m.first_name ? `${m.first_name} ${m.last_name}` : m.user_id;
  const select = h("select", { id: `role-${m.user_id}`, "aria-label": t("team_role_of", { name }), disabled: !m.active || m.user_id === meId },
    ROLES.map((r) => h("option", { value: r, selected: r === m.role }, t(`role_name_${r}`))));
  const apply = h("button", { type: "button", class: "outline small", disabled: !m.active || m.user_id === meId,
    onclick: () => call(`/api/admin/team/${encodeURIComponent(m.user_id)}`, { method: "PATCH", body: { role: select.value } },
      t("team_role_changed", { name })) }, t("team_change_role"));
  const disable = m.active && m.user_id !== meId ? h("button", { type: "button", class: "outline secondary small",
    onclick: () => call(`/api/admin/team/${encodeURIComponent(m.user_id)}/disable`, { method: "POST" },
      t("team_disabled", { name })) }, t("team_disable", { name })) : null;
  const history = h("button", { type: "button", class: "outline secondary small", onclick: async () => {
    const section = document.getElementById("member-trail-section");
    const title = document.getElementById("member-trail-title");
    title.textContent = t("team_trail_of", { name });
    section.hidden = false;
    await showTrail(document.getElementById("member-trail"), "admin-member", m.user_id);
    title.focus();
  } }, t("team_show_trail", { name }));
  return h("tr", null, h("td", null, name), h("td", null, m.email || "—"),
    h("td", null, select, " ", apply), h("td", null, m.active ? t("team_active") : t("team_inactive")),
    h("td", { class: "actions" }, disable, " ", history));
}

const list = pagedList({
  rows: tbody,
  more: document.getElementById("members-more"),
  fetchPage: (cursor) => api(`/api/admin/team?${new URLSearchParams({ limit: "50", ...(cursor ? { cursor } : {}) })}`,
    { auth: true }),
  items: (page) => page.members,
  row,
  onPage: () => { document.getElementById("members-section").hidden = false; },
});

adminPage(async (me) => {
  meId = me.id;
  await list.reload();
  const form = document.getElementById("add-form");
  handleForm(form, async (data) => {
    const added = await api("/api/admin/team", { method: "POST", auth: true,
      body: { email: data.get("email"), role: data.get("role") } });
    form.reset();
    await list.reload();
    showStatus(form, t("team_added", { name: `${added.first_name} ${added.last_name}` }), "success");
  });
}, { status: document.getElementById("team-status") });
