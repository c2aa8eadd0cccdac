import { api, session } from "../api.js";
import { returnPath } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { t } from "../ui.js";

const form = document.getElementById("login-form");
const newPassword = document.getElementById("new-password-part");

// A temporary password (given by a teacher) opens no session: the server says so, and the same form then
// asks for the person's own password and sends both.
async function open(data) {
  const credentials = { login: data.get("login"), password: data.get("password") };
  if (!newPassword.hidden) {
    return api("/api/token/new-password", {
      method: "POST", body: { ...credentials, new_password: data.get("new_password") },
    });
  }
  try {
    return await api("/api/token", { method: "POST", body: credentials });
  } catch (error) {
    if (error.code !== "PASSWORD_CHANGE_REQUIRED") throw error;
    newPassword.hidden = false;
    showStatus(form, t("login_choose_password"), "success");
    document.getElementById("new_password").focus();
    return null;
  }
}

handleForm(form, async (data) => {
  const opened = await open(data);
  if (!opened) return;
  session.save(opened);
  // Back to the page that asked for a login (a product's home, a competence), else the profile in the
  // language the person chose for their account.
  const back = returnPath(new URLSearchParams(window.location.search).get("retour"));
  window.location.assign(back || `${opened.user.lang === "en" ? "/en/" : "/"}profil/`);
}, { fields: { new_password: "new_password" } });
