// Pix Admin's home: for operators, the roles their account holds and the tools each opens; for anyone else,
// that the product is not open to them and whom to ask. The API, not this page, refuses what a role does not allow.
import { OPERATOR_ROLES } from "../common.js";
import { toProfile } from "../product.js";
import { h, t } from "../ui.js";
import { adminPage } from "./shell.js";

adminPage((me) => {
  document.getElementById("who").textContent = t("product_account", { name: `${me.first_name} ${me.last_name}` });
  const roles = OPERATOR_ROLES.filter((role) => me.roles.includes(role));
  const content = roles.length ? [
    h("p", null, t("today_roles")),
    h("ul", { class: "roles" }, roles.map((role) => h("li", { "data-role": role }, t(`role_${role}`)))),
    h("p", null, t("today_tools")),
  ] : [toProfile(t("today_not_operator"))];
  document.getElementById("today-content").append(...content);
  document.getElementById("today").hidden = false;
});
