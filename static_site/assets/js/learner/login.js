import { api, session } from "./api.js";
import { handleForm } from "./forms.js";

const form = document.getElementById("login-form");
handleForm(form, async (data) => {
  const opened = await api("/api/token", {
    method: "POST",
    body: { login: data.get("login"), password: data.get("password") },
  });
  session.save(opened);
  window.location.assign(form.dataset.next);
});
