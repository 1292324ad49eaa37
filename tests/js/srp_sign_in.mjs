// Signs in to a cognigate user pool by SRP with amazon-cognito-identity-js, then verifies
// the ID and access tokens with aws-jwt-verify.
//
// Input (JSON, as the first argument or on stdin):
//   {endpoint, userPoolId, clientId, username, password, newPassword?, newAttributes?,
//    issuer, jwksUri}
// Output (stdout, exit 0): {"idClaims": {...}, "accessClaims": {...},
//                           "challenge": "NEW_PASSWORD_REQUIRED" | null}
// On failure: {"error": {...}} on stdout and exit 1.
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
} from "amazon-cognito-identity-js";
import { JwtRsaVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";

// aws-jwt-verify's Node fetcher uses `https.request`, which refuses the plain http:// URL
// of a local server; this fetcher (Node 20's global fetch) accepts both schemes. The
// verifier still downloads the JWKS from `jwksUri` itself.
const httpFetcher = {
  async fetch(uri) {
    const response = await fetch(uri);
    if (response.status !== 200) {
      throw new Error(`GET ${uri}: status ${response.status}, expected 200`);
    }
    return response.arrayBuffer();
  },
};

function tokenUseCheck(expected) {
  return ({ payload }) => {
    if (payload.token_use !== expected) {
      throw new Error(`token_use is ${payload.token_use}, expected ${expected}`);
    }
  };
}

async function readInput() {
  if (process.argv.length > 2) return JSON.parse(process.argv[2]);
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function signIn(input) {
  const pool = new CognitoUserPool({
    UserPoolId: input.userPoolId,
    ClientId: input.clientId,
    endpoint: input.endpoint,
  });
  const user = new CognitoUser({ Username: input.username, Pool: pool });
  // USER_SRP_AUTH is the library's default flow.
  const details = new AuthenticationDetails({
    Username: input.username,
    Password: input.password,
  });
  let challenge = null;
  return new Promise((resolve, reject) => {
    const callbacks = {
      onSuccess: (session) => resolve({ session, challenge }),
      onFailure: (err) => reject(err),
      newPasswordRequired: () => {
        if (!input.newPassword) {
          reject(new Error("NEW_PASSWORD_REQUIRED but no newPassword was given"));
          return;
        }
        challenge = "NEW_PASSWORD_REQUIRED";
        user.completeNewPasswordChallenge(
          input.newPassword,
          input.newAttributes ?? {},
          callbacks,
        );
      },
      mfaRequired: () => reject(new Error("unexpected SMS_MFA challenge")),
      totpRequired: () => reject(new Error("unexpected SOFTWARE_TOKEN_MFA challenge")),
      customChallenge: () => reject(new Error("unexpected CUSTOM_CHALLENGE")),
      mfaSetup: () => reject(new Error("unexpected MFA_SETUP challenge")),
      selectMFAType: () => reject(new Error("unexpected SELECT_MFA_TYPE challenge")),
    };
    user.authenticateUser(details, callbacks);
  });
}

async function main() {
  const input = await readInput();
  const { session, challenge } = await signIn(input);
  const jwksCache = new SimpleJwksCache({ fetcher: httpFetcher });
  const idVerifier = JwtRsaVerifier.create(
    {
      issuer: input.issuer,
      audience: input.clientId,
      jwksUri: input.jwksUri,
      customJwtCheck: tokenUseCheck("id"),
    },
    { jwksCache },
  );
  const accessVerifier = JwtRsaVerifier.create(
    {
      issuer: input.issuer,
      audience: null, // access tokens carry client_id, not aud
      jwksUri: input.jwksUri,
      customJwtCheck: tokenUseCheck("access"),
    },
    { jwksCache },
  );
  const idClaims = await idVerifier.verify(session.getIdToken().getJwtToken());
  const accessClaims = await accessVerifier.verify(session.getAccessToken().getJwtToken());
  process.stdout.write(JSON.stringify({ idClaims, accessClaims, challenge }) + "\n");
}

main().then(
  () => process.exit(0),
  (err) => {
    const error = {
      name: err?.name ?? null,
      code: err?.code ?? null,
      message: err?.message ?? String(err),
    };
    process.stdout.write(JSON.stringify({ error }) + "\n");
    process.exit(1);
  },
);
