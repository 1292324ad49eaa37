// Remembered devices with amazon-cognito-identity-js against a cognigate user pool whose
// DeviceConfiguration tracks devices and whose MFA is ON (SMS; codes read from the outbox).
//
// 1. authenticateUser (SRP) -> SMS_MFA -> sendMFACode -> the library confirms the new device
//    (ConfirmDevice) -> setDeviceStatusRemembered, getDevice, listDevices.
// 2. A second authenticateUser from the same storage goes through DEVICE_SRP_AUTH and, the
//    device being remembered, without the MFA prompt.
// 3. forgetSpecificDevice (the library keeps its cached key): the next authenticateUser gets
//    "Device does not exist.", retries without the device and is asked for MFA again.
//
// Input (JSON on stdin): {endpoint, userPoolId, clientId, username, password}
// Output (stdout, exit 0): {"first": {...}, "second": {...}, "third": {...}}
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

// The library's storage (device key, group key and random password live here between
// sign-ins), shared by every CognitoUser of this run.
class MemoryStorage {
  constructor() {
    this.items = new Map();
  }
  setItem(key, value) {
    this.items.set(key, String(value));
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  removeItem(key) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

async function latestCode(input) {
  const url = new URL("/_cognigate/outbox", input.endpoint);
  url.searchParams.set("pool_id", input.userPoolId);
  url.searchParams.set("username", input.username);
  const response = await fetch(url);
  const body = await response.json();
  return body.messages[0].code;
}

// authenticateUser; answers SMS_MFA from the outbox. Resolves with the user, its session,
// how many MFA prompts it saw and ConfirmDevice's UserConfirmationNecessary.
function signIn(input, pool) {
  const user = new CognitoUser({ Username: input.username, Pool: pool, Storage: pool.storage });
  const details = new AuthenticationDetails({
    Username: input.username,
    Password: input.password,
  });
  let mfaPrompts = 0;
  return new Promise((resolve, reject) => {
    const callbacks = {
      onSuccess: (session, userConfirmationNecessary) =>
        resolve({ user, session, mfaPrompts, userConfirmationNecessary: !!userConfirmationNecessary }),
      onFailure: (err) => reject(err),
      mfaRequired: () => {
        mfaPrompts += 1;
        latestCode(input).then((code) => user.sendMFACode(code, callbacks), reject);
      },
      totpRequired: () => reject(new Error("unexpected SOFTWARE_TOKEN_MFA challenge")),
      newPasswordRequired: () => reject(new Error("unexpected NEW_PASSWORD_REQUIRED")),
      customChallenge: () => reject(new Error("unexpected CUSTOM_CHALLENGE")),
      mfaSetup: () => reject(new Error("unexpected MFA_SETUP challenge")),
      selectMFAType: () => reject(new Error("unexpected SELECT_MFA_TYPE challenge")),
    };
    user.authenticateUser(details, callbacks);
  });
}

function call(user, method, ...args) {
  return new Promise((resolve, reject) => {
    user[method](...args, { onSuccess: resolve, onFailure: reject });
  });
}

function accessClaims(session) {
  return session.getAccessToken().decodePayload();
}

function deviceKeyOf(user) {
  return user.deviceKey ?? null;
}

async function main() {
  const input = await readInput();
  const pool = new CognitoUserPool({
    UserPoolId: input.userPoolId,
    ClientId: input.clientId,
    endpoint: input.endpoint,
    Storage: new MemoryStorage(),
  });

  const one = await signIn(input, pool);
  const deviceKey = deviceKeyOf(one.user);
  await call(one.user, "setDeviceStatusRemembered");
  const device = await call(one.user, "getDevice");
  const listed = await call(one.user, "listDevices", 10, null);
  const first = {
    mfaPrompts: one.mfaPrompts,
    userConfirmationNecessary: one.userConfirmationNecessary,
    deviceKey,
    device: device.Device,
    listed: listed.Devices.map((d) => d.DeviceKey),
  };

  const two = await signIn(input, pool);
  const second = {
    mfaPrompts: two.mfaPrompts,
    deviceKey: deviceKeyOf(two.user),
    accessClaims: accessClaims(two.session),
    listed: (await call(two.user, "listDevices", 10, null)).Devices.map((d) => d.DeviceKey),
  };

  await call(two.user, "forgetSpecificDevice", deviceKey);
  const three = await signIn(input, pool);
  const third = {
    mfaPrompts: three.mfaPrompts,
    deviceKey: deviceKeyOf(three.user),
    listed: (await call(three.user, "listDevices", 10, null)).Devices.map((d) => d.DeviceKey),
  };
  process.stdout.write(JSON.stringify({ first, second, third }) + "\n");
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
