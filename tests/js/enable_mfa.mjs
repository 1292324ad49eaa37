// Turns SMS MFA on with amazon-cognito-identity-js's legacy enableMFA() (SetUserSettings),
// signs in again, answers the SMS_MFA challenge with the code from cognigate's outbox, then
// turns MFA off with disableMFA() and signs in without a challenge.
//
// Input (JSON on stdin): {endpoint, userPoolId, clientId, username, password}
// Output (stdout, exit 0): {"firstChallenge": null, "secondChallenge": "SMS_MFA",
//   "destination": "+*******0100", "signedInWithCode": true, "afterDisable": null}
// On failure: {"error": {...}} on stdout and exit 1.
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
} from "amazon-cognito-identity-js";

async function readInput() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function newUser(input) {
  const pool = new CognitoUserPool({
    UserPoolId: input.userPoolId,
    ClientId: input.clientId,
    endpoint: input.endpoint,
  });
  return new CognitoUser({ Username: input.username, Pool: pool });
}

// Resolves {user, session, challenge, parameters}: session when signed in, else the challenge.
function signIn(input) {
  const user = newUser(input);
  const details = new AuthenticationDetails({
    Username: input.username,
    Password: input.password,
  });
  return new Promise((resolve, reject) => {
    user.authenticateUser(details, {
      onSuccess: (session) => resolve({ user, session, challenge: null }),
      onFailure: (err) => reject(err),
      mfaRequired: (name, parameters) =>
        resolve({ user, session: null, challenge: name, parameters }),
      totpRequired: () => reject(new Error("unexpected SOFTWARE_TOKEN_MFA challenge")),
      mfaSetup: () => reject(new Error("unexpected MFA_SETUP challenge")),
      selectMFAType: () => reject(new Error("unexpected SELECT_MFA_TYPE challenge")),
      newPasswordRequired: () => reject(new Error("unexpected NEW_PASSWORD_REQUIRED")),
    });
  });
}

function call(user, method) {
  return new Promise((resolve, reject) => {
    user[method]((err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function latestCode(input) {
  const query = new URLSearchParams({ pool_id: input.userPoolId, username: input.username });
  const response = await fetch(`${input.endpoint}/_cognigate/outbox?${query}`);
  if (response.status !== 200) throw new Error(`outbox answered ${response.status}`);
  const body = await response.json();
  return body.messages[0].code;
}

function sendCode(user, code) {
  return new Promise((resolve, reject) => {
    user.sendMFACode(code, { onSuccess: resolve, onFailure: reject }, "SMS_MFA");
  });
}

async function main() {
  const input = await readInput();
  const first = await signIn(input);
  await call(first.user, "enableMFA");
  const second = await signIn(input);
  let signedInWithCode = false;
  if (second.challenge === "SMS_MFA") {
    const session = await sendCode(second.user, await latestCode(input));
    signedInWithCode = session.isValid();
    await call(second.user, "disableMFA");
  }
  const third = await signIn(input);
  process.stdout.write(
    JSON.stringify({
      firstChallenge: first.challenge,
      secondChallenge: second.challenge,
      destination: second.parameters?.CODE_DELIVERY_DESTINATION ?? null,
      signedInWithCode,
      afterDisable: third.challenge,
    }) + "\n",
  );
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
