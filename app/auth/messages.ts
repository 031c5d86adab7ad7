import { defineMessages } from "../i18n/define";

/** The account page's password, second-factor and recovery-code strings, and the admin's second-factor reset. */
export const messages = defineMessages(
  {
    "account.required.password":
      "An administrator has reset your password. Choose your own password before you continue.",
    "account.required.secondFactor":
      "Your role needs a second factor. Set it up before you continue: until then you can only do this.",
    "account.password": "Password",
    "account.passwordIntro": "Changing your password signs you out everywhere else.",
    "account.currentPassword": "Current password",
    "account.newPassword": "New password",
    "account.repeatPassword": "New password again",
    "account.passwordSubmit": "Change the password",
    "account.passwordChanged": "Your password has been changed. Your other sessions have ended.",
    "account.enrolStep1": "In your authenticator app, scan this QR code, or add an account with this key:",
    "account.qrAlt": "QR code to add Throughline to your authenticator app",
    "account.newCode": "Code from your app",
    "account.currentCode": "Current code from your app, or a recovery code",
    "account.recoveryCodesLeft": "Unused recovery codes: {count}.",
    "account.noRecoveryCodes":
      "You have no unused recovery code: if you lose your phone you cannot sign in. Make a new set below.",
    "account.replace": "Replace the second factor (new phone or app)",
    "account.replaceIntro":
      "Confirm with your password and a current code (or a recovery code), then add the new key to your new app and enter its code.",
    "account.replaceSubmit": "Replace the second factor",
    "account.remove": "Turn the second factor off",
    "account.removeIntro": "Confirm with your password and a current code (or a recovery code).",
    "account.removeSubmit": "Turn it off",
    "account.removed": "The second factor is off.",
    "account.regenerate": "New recovery codes",
    "account.regenerateIntro":
      "Confirm with your password and a current code. Your old recovery codes stop working.",
    "account.regenerateSubmit": "Make new recovery codes",
    "account.recoveryCodes": "Your recovery codes",
    "account.recoveryCodesIntro":
      "Each code works once instead of a code from your app, if you lose your phone. Save them somewhere safe now (print them or keep them in a password manager): they will not be shown again.",
    "account.continue": "Continue",
    "users.wrongPassword": "This is not your current password.",
    "users.wrongCode": "That code is not right, or has already been used.",
    "users.passwordsDiffer": "The two new passwords are not the same.",
    "users.secondFactorRequired": "Your role needs a second factor: replace it instead of turning it off.",
    "users.alreadyEnrolled": "A second factor is already set up.",
    "users.notEnrolled": "No second factor is set up.",
    "users.throttled": "Too many attempts. Try again in a few minutes.",
    "users.notNow": "Do the step shown above first.",
    "password.samePassword": "Choose a password different from the current one.",
    "users.resetSecondFactor": "Reset the second factor",
    "users.resetSecondFactorIntro":
      "For someone who lost their phone and their recovery codes: removes their second factor and ends their sessions. If their role needs one, they must set up a new one at their next sign-in.",
  },
  {
    "account.required.password":
      "Un·e administrateur·rice a réinitialisé votre mot de passe. Choisissez votre propre mot de passe avant de continuer.",
    "account.required.secondFactor":
      "Votre rôle exige un second facteur. Configurez-le avant de continuer : d’ici là, vous ne pouvez rien faire d’autre.",
    "account.password": "Mot de passe",
    "account.passwordIntro": "Changer votre mot de passe vous déconnecte partout ailleurs.",
    "account.currentPassword": "Mot de passe actuel",
    "account.newPassword": "Nouveau mot de passe",
    "account.repeatPassword": "Nouveau mot de passe (confirmation)",
    "account.passwordSubmit": "Changer le mot de passe",
    "account.passwordChanged": "Votre mot de passe a été changé. Vos autres sessions ont été fermées.",
    "account.enrolStep1":
      "Dans votre application d’authentification, scannez ce QR code, ou ajoutez un compte avec cette clé :",
    "account.qrAlt": "QR code pour ajouter Throughline à votre application d’authentification",
    "account.newCode": "Code de votre application",
    "account.currentCode": "Code actuel de votre application, ou un code de secours",
    "account.recoveryCodesLeft": "Codes de secours inutilisés : {count}.",
    "account.noRecoveryCodes":
      "Vous n’avez plus de code de secours inutilisé : si vous perdez votre téléphone, vous ne pourrez plus vous connecter. Créez-en une nouvelle série ci-dessous.",
    "account.replace": "Remplacer le second facteur (nouveau téléphone ou nouvelle application)",
    "account.replaceIntro":
      "Confirmez avec votre mot de passe et un code actuel (ou un code de secours), puis ajoutez la nouvelle clé à votre nouvelle application et saisissez son code.",
    "account.replaceSubmit": "Remplacer le second facteur",
    "account.remove": "Désactiver le second facteur",
    "account.removeIntro": "Confirmez avec votre mot de passe et un code actuel (ou un code de secours).",
    "account.removeSubmit": "Le désactiver",
    "account.removed": "Le second facteur est désactivé.",
    "account.regenerate": "Nouveaux codes de secours",
    "account.regenerateIntro":
      "Confirmez avec votre mot de passe et un code actuel. Vos anciens codes de secours cesseront de fonctionner.",
    "account.regenerateSubmit": "Créer de nouveaux codes de secours",
    "account.recoveryCodes": "Vos codes de secours",
    "account.recoveryCodesIntro":
      "Chaque code remplace une fois un code de votre application, si vous perdez votre téléphone. Conservez-les maintenant en lieu sûr (imprimez-les ou gardez-les dans un gestionnaire de mots de passe) : ils ne seront plus affichés.",
    "account.continue": "Continuer",
    "users.wrongPassword": "Ce n’est pas votre mot de passe actuel.",
    "users.wrongCode": "Ce code est incorrect ou a déjà été utilisé.",
    "users.passwordsDiffer": "Les deux nouveaux mots de passe ne sont pas identiques.",
    "users.secondFactorRequired":
      "Votre rôle exige un second facteur : remplacez-le au lieu de le désactiver.",
    "users.alreadyEnrolled": "Un second facteur est déjà configuré.",
    "users.notEnrolled": "Aucun second facteur n’est configuré.",
    "users.throttled": "Trop de tentatives. Réessayez dans quelques minutes.",
    "users.notNow": "Faites d’abord l’étape indiquée ci-dessus.",
    "password.samePassword": "Choisissez un mot de passe différent de l’actuel.",
    "users.resetSecondFactor": "Réinitialiser le second facteur",
    "users.resetSecondFactorIntro":
      "Pour une personne qui a perdu son téléphone et ses codes de secours : supprime son second facteur et ferme ses sessions. Si son rôle en exige un, elle devra en configurer un nouveau à sa prochaine connexion.",
  },
);
