// Pix Admin's home: for operators, the roles their account holds and what each opens; for anyone else, that
// the product is not open to them and whom to ask. The API, not this page, refuses what a role does not allow.
import { OPERATOR_ROLES } from "../common.js";
import { productHome, toProfile } from "../product.js";
import { h, t } from "../ui.js";

productHome((me) => {
  const roles = OPERATOR_ROLES.filter((role) => me.roles.includes(role));
  if (!roles.length) return [toProfile(t("today_not_operator"))];
  return [
    h("p", null, t("today_roles")),
    h("ul", { class: "roles" }, roles.map((role) => h("li", { "data-role": role }, t(`role_${role}`)))),
    h("p", null, t("today_tools_coming")),
  ];
});
