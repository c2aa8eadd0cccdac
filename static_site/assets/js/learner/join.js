// An invitation link: read the code from the fragment (kept for this tab in sessionStorage while the person
// logs in or signs up), show where it leads, and join with one click.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { done, t } from "../ui.js";

const KEY = "pix.invitation";
const loading = document.getElementById("loading");
const form = document.getElementById("join-form");
const fromLink = new URLSearchParams(window.location.hash.slice(1)).get("code");
if (fromLink) {
  sessionStorage.setItem(KEY, fromLink);
  history.replaceState(null, "", window.location.pathname); // the code leaves the address bar
}
const code = fromLink || sessionStorage.getItem(KEY) || "";
const back = encodeURIComponent(window.location.pathname);
document.getElementById("to-login").href = `${root}connexion/?retour=${back}`;
document.getElementById("to-signup").href = `${root}inscription/?retour=${back}`;

try {
  if (!code) throw Object.assign(new Error(""), { code: "INVITATION_NOT_FOUND" });
  const invitation = await api("/api/invitations/preview", { method: "POST", body: { code } });
  document.getElementById("invitation-text").textContent = t("join_text", {
    name: invitation.resource_name, space: invitation.space, role: t(`join_role_${invitation.role}`),
    email: invitation.email,
  });
  document.getElementById("invitation").hidden = false;
  handleForm(form, async () => {
    const joined = await api("/api/invitations/accept", { auth: true, method: "POST", body: { code } });
    sessionStorage.removeItem(KEY);
    if (joined.scope === "organization") localStorage.setItem("pix.orga.current", joined.resource_id);
    document.getElementById("invitation").hidden = true;
    document.getElementById("to-home").href = `${root}${joined.home}`;
    document.getElementById("joined").hidden = false;
    showStatus(form, t("join_done", { name: joined.resource_name, role: t(`join_role_${joined.role}`) }), "success");
  });
} catch (error) {
  sessionStorage.removeItem(KEY);
  showStatus(form, t(`err_${error.code}`) !== `err_${error.code}` ? t(`err_${error.code}`) : t("err_INVITATION_NOT_FOUND"));
} finally {
  done(loading);
}
