import { asc, eq, isNotNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { koboConnections, users } from "../../db/schema";
import { recordAudit } from "../audit.server";
import {
  decryptSecret,
  encryptSecret,
  isSealedUnderCurrent,
  keyIdOf,
  SealedSecretError,
  type SecretPurpose,
} from "./secrets.server";

/** A value that cannot be re-sealed; nothing was changed. The message names the row, never a value. */
export class RotationRefused extends Error {
  override name = "RotationRefused";
}

export type RotationReport = {
  /** Key id of APP_SECRET, under which every stored value is now sealed. */
  keyId: string;
  /** Key id of APP_SECRET_PREVIOUS, when given. */
  previousKeyId: string | null;
  resealed: { totpSeeds: number; koboTokens: number };
  /** Values that were already sealed under APP_SECRET in the current format. */
  alreadyCurrent: number;
};

/**
 * Seals every stored secret (users' second-factor keys, KoboToolbox tokens) again under `current`, opening each with
 * `current` or `previous` (chosen by the value's key id; v1 values by trying both). One transaction with the rows
 * locked: either every value is re-sealed and the rotation audited, or, when one cannot be opened, nothing changes and
 * the error names the row. Running it again re-seals nothing.
 */
export async function rotateSecrets({
  db,
  actor,
  current,
  previous,
}: {
  db: Db;
  actor: string;
  current: string;
  previous?: string | undefined;
}): Promise<RotationReport> {
  const secrets = { current, previous };
  const report: RotationReport = {
    keyId: keyIdOf(secrets),
    previousKeyId: previous ? keyIdOf(previous) : null,
    resealed: { totpSeeds: 0, koboTokens: 0 },
    alreadyCurrent: 0,
  };
  const reseal = (sealed: string, purpose: SecretPurpose, row: string): string | null => {
    if (isSealedUnderCurrent(sealed, secrets, purpose)) {
      report.alreadyCurrent++;
      return null;
    }
    try {
      return encryptSecret(decryptSecret(sealed, secrets, purpose), secrets, purpose);
    } catch (error) {
      if (!(error instanceof SealedSecretError)) throw error;
      throw new RotationRefused(
        `Cannot open ${row}: ${error.message}. Nothing was changed. Set APP_SECRET_PREVIOUS to the secret that sealed it, or clear that value (the user enrols again / the token is typed again).`,
      );
    }
  };

  await db.transaction(async (tx) => {
    const seeds = await tx
      .select({ id: users.id, email: users.email, sealed: users.totpSecret })
      .from(users)
      .where(isNotNull(users.totpSecret))
      .orderBy(asc(users.id))
      .for("update");
    for (const user of seeds) {
      const resealed = reseal(
        user.sealed ?? "",
        "totp-seed",
        `the second-factor key of user ${user.email} (users.totp_secret, id ${user.id})`,
      );
      if (resealed === null) continue;
      await tx.update(users).set({ totpSecret: resealed }).where(eq(users.id, user.id));
      report.resealed.totpSeeds++;
    }
    const tokens = await tx
      .select({ id: koboConnections.id, name: koboConnections.name, sealed: koboConnections.tokenEncrypted })
      .from(koboConnections)
      .where(ne(koboConnections.tokenEncrypted, ""))
      .orderBy(asc(koboConnections.id))
      .for("update");
    for (const connection of tokens) {
      const resealed = reseal(
        connection.sealed,
        "kobo-token",
        `the token of KoboToolbox connection "${connection.name}" (kobo_connections.token_encrypted, id ${connection.id})`,
      );
      if (resealed === null) continue;
      await tx
        .update(koboConnections)
        .set({ tokenEncrypted: resealed })
        .where(eq(koboConnections.id, connection.id));
      report.resealed.koboTokens++;
    }
    await recordAudit(tx, {
      actor,
      action: "secrets.rotate",
      entityType: "app_secret",
      entityId: report.keyId,
      before: { keyId: report.previousKeyId },
      after: { keyId: report.keyId, resealed: report.resealed, alreadyCurrent: report.alreadyCurrent },
    });
  });
  return report;
}
