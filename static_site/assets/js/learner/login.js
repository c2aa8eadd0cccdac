import { api, session } from "../api.js";
import { returnPath } from "../common.js";
import { handleForm } from "../forms.js";

const form = document.getElementById("login-form");
handleForm(form, async (data) => {
  const opened = await api("/api/token", {
    method: "POST",
    body: { login: data.get("login"), password: data.get("password") },
  });
  session.save(opened);
  // Back to the page that asked for a login (a product's home, a competence), else the profile in the
  // language the person chose for their account.
  const back = returnPath(new URLSearchParams(window.location.search).get("retour"));
  window.location.assign(back || `${opened.user.lang === "en" ? "/en/" : "/"}profil/`);
});
