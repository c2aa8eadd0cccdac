import { api, session } from "../api.js";
import { handleForm, showStatus } from "../forms.js";
import { messages } from "../common.js";

const form = document.getElementById("signup-form");
const noEmail = document.getElementById("no_email");

noEmail.addEventListener("change", () => {
  form.querySelector("[data-part=email]").hidden = noEmail.checked;
  form.querySelector("[data-part=birth]").hidden = !noEmail.checked;
  form.elements.email.required = !noEmail.checked;
  form.elements.birth_date.required = noEmail.checked;
});

handleForm(form, async (data) => {
  const body = {
    first_name: data.get("first_name"),
    last_name: data.get("last_name"),
    password: data.get("password"),
    cgu_accepted: data.get("cgu_accepted") === "on",
    lang: document.documentElement.lang,
  };
  if (noEmail.checked) body.birth_date = data.get("birth_date");
  else body.email = data.get("email");
  const created = await api("/api/users", { method: "POST", body });
  session.save(created);
  if (created.user.username) {
    form.hidden = true;
    showStatus(form, messages.js_signup_username + created.user.username, "success");
    return;
  }
  window.location.assign(form.dataset.next);
});
