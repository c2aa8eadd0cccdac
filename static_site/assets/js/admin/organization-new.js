// Pix Admin: create an organisation (its first admin invited by e-mail), then open its page.
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";

const form = document.getElementById("organization-form");

handleForm(form, async (data) => {
  const value = (name) => String(data.get(name) || "").trim() || null;
  const created = await api("/api/admin/organizations", {
    auth: true, method: "POST", body: {
      name: value("name") || "", type: data.get("type"), external_id: value("external_id"),
      province_code: value("province_code"), manages_students: form.elements.manages_students.checked,
      email: value("email"), tags: (value("tags") || "").split(",").map((s) => s.trim()).filter(Boolean),
      first_admin_email: value("first_admin_email"), lang: document.documentElement.lang,
    },
  });
  window.location.assign(`${root}admin/organisations/organisation/?id=${encodeURIComponent(created.id)}&cree=1`);
});
