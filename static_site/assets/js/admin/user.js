// A user's page for support: identity, logins and their blocks, what other rooms know of the person, the
// support actions (each recorded in the trail shown below), and anonymisation.
import { api } from "../api.js";
import { errorMessage, messages } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { formatDate, h, t } from "../ui.js";
import { adminPage } from "./shell.js";
import { showTrail } from "./trail.js";

const userId = new URLSearchParams(window.location.search).get("id") || "";
const card = document.getElementById("user");
const actionStatus = document.getElementById("action-status");
const trail = document.getElementById("trail");

function login(l) {
  const kind = t(`user_login_${l.kind}`);
  const state = l.blocked_until
    ? h("strong", { class: "blocked" }, t("user_blocked_until", { date: new Date(l.blocked_until).toLocaleString() }))
    : t("user_not_blocked");
  const remove = h("button", { type: "button", class: "outline secondary small", "data-remove": l.kind },
    t("user_remove_login", { kind }));
  return h("li", null, `${kind} : `, h("code", null, l.value), " — ", state,
    l.failed_attempts ? ` (${t("user_failed_attempts", { count: l.failed_attempts })})` : "", " ", remove);
}

function section(s) {
  const title = t(`user_section_${s.key}`);
  return h("section", { "aria-labelledby": `section-${s.key}` },
    h("h2", { id: `section-${s.key}` }, title.startsWith("user_section_") ? s.title : title),
    s.items.length
      ? h("ul", null, s.items.map((i) => h("li", null, i.href ? h("a", { href: i.href }, i.label) : i.label,
        i.detail ? ` — ${i.detail}` : "")))
      : h("p", null, t("user_section_empty")));
}

function show(user) {
  document.getElementById("user-name").textContent = `${user.first_name} ${user.last_name}`;
  for (const node of card.querySelectorAll("[data-field]")) {
    const v = user[node.dataset.field];
    node.textContent = node.dataset.format === "date" ? formatDate(v)
      : Array.isArray(v) ? (v.length ? v.join(", ") : "—") : (v || "—");
  }
  document.getElementById("logins").replaceChildren(...(user.logins.length ? user.logins.map(login)
    : [h("li", null, t("user_no_login"))]));
  document.getElementById("unblock").hidden = !user.blocked;
  document.getElementById("sections").replaceChildren(...user.sections.map(section));
  const gone = Boolean(user.anonymised_at);
  document.getElementById("user-anonymised").hidden = !gone;
  document.getElementById("edit").hidden = gone;
  document.getElementById("login-actions").hidden = gone;
  const identity = document.getElementById("identity-form");
  identity.elements.first_name.value = user.first_name;
  identity.elements.last_name.value = user.last_name;
  card.hidden = false;
}

async function refresh(user) {
  show(user || await api(`/api/admin/users/${encodeURIComponent(userId)}`, { auth: true }));
  await showTrail(trail, "user", userId);
}

function say(text, kind = "success") {
  actionStatus.textContent = text;
  actionStatus.className = kind;
  actionStatus.focus();
}

async function act(button, path, method, done) {
  button.setAttribute("aria-busy", "true");
  button.disabled = true;
  try {
    const changed = await api(path, { method, auth: true });
    await refresh(changed);
    say(done);
  } catch (error) {
    say(errorMessage(error), "error");
  } finally {
    button.removeAttribute("aria-busy");
    button.disabled = false;
  }
}

adminPage(async () => {
  const base = `/api/admin/users/${encodeURIComponent(userId)}`;
  await refresh();
  document.getElementById("user-name").focus();
  document.getElementById("unblock").addEventListener("click", (e) =>
    act(e.currentTarget, `${base}/unblock`, "POST", messages.user_unblocked));
  document.getElementById("end-sessions").addEventListener("click", (e) =>
    act(e.currentTarget, `${base}/sessions/end`, "POST", messages.user_sessions_ended));
  document.getElementById("password-reset").addEventListener("click", (e) =>
    act(e.currentTarget, `${base}/password-reset`, "POST", messages.user_reset_sent));
  document.getElementById("logins").addEventListener("click", (e) => {
    const button = e.target.closest("[data-remove]");
    if (button) act(button, `${base}/logins/${button.dataset.remove}`, "DELETE", messages.user_login_removed);
  });
  const identity = document.getElementById("identity-form");
  handleForm(identity, async (data) => {
    await refresh(await api(base, { method: "PATCH", auth: true,
      body: { first_name: data.get("first_name"), last_name: data.get("last_name") } }));
    showStatus(identity, messages.user_saved, "success");
  });
  const email = document.getElementById("email-form");
  handleForm(email, async (data) => {
    await refresh(await api(`${base}/email`, { method: "POST", auth: true, body: { email: data.get("email") } }));
    email.reset();
    showStatus(email, messages.user_saved, "success");
  });
  const anonymise = document.getElementById("anonymise-form");
  handleForm(anonymise, async () => {
    await api(`${base}/anonymisation`, { method: "POST", auth: true });
    await refresh();
    say(messages.user_anonymised_done);
  });
}, { status: document.getElementById("user-status") });
