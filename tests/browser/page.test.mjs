// The projected page and /play in a real browser: Debian's chromium, driven by
// playwright-core, against the real `liaison serve --web`, with TCP players
// beside it that behave like the lesson's client (send, then one read).
//
//   node tests/browser/page.test.mjs LIAISON_BINARY OUTPUT_DIR
//
// Every server is started on loopback and stopped by its PID. Prints "ok: ..."
// per check; exits 1 on the first failure.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const [binary, outputDir] = process.argv.slice(2);
// A sanitizer build serves several times slower: the one-second promise of
// the page is judged on the release build, the others get more time.
const slow = process.env.LIAISON_SANITIZE ? 3 : 1;
const workDir = mkdtempSync(path.join(os.tmpdir(), "liaison-browser-"));
const servers = new Set();
let browser;

function check(condition, what, detail = "") {
  if (!condition) throw new Error(`FAILED: ${what}${detail ? `\n${detail}` : ""}`);
  console.log(`ok: ${what}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// `liaison serve` with --web; resolves once both addresses are printed.
function startServer(args, { port = 0, webPort = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["serve", "--port", String(port), "--web", `127.0.0.1:${webPort}`, ...args],
                        { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const server = {
      child,
      stop() {
        servers.delete(server);
        if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        return new Promise(done => {
          child.once("exit", done);
          process.kill(child.pid, "SIGTERM");
        });
      },
    };
    servers.add(server);
    const timer = setTimeout(() => reject(new Error(`server not ready: ${out}${err}`)), 10000);
    child.stderr.on("data", chunk => { err += chunk; });
    child.stdout.on("data", chunk => {
      out += chunk;
      const tcp = out.match(/127\.0\.0\.1:(\d+),/);
      const web = out.match(/Web (?:sur|on) 127\.0\.0\.1:(\d+)/);
      if (tcp && web) {
        clearTimeout(timer);
        server.port = Number(tcp[1]);
        server.webPort = Number(web[1]);
        server.url = `http://127.0.0.1:${server.webPort}/`;
        resolve(server);
      }
    });
    child.on("exit", code => { if (!server.port) reject(new Error(`server exited (${code}): ${err}`)); });
  });
}

// The lesson's client, turn by turn: each say() is one send and one read.
function lessonClient(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks = [];
    let waiting = null;
    socket.on("data", data => {
      chunks.push(data.toString("utf8"));
      if (waiting) { waiting(); waiting = null; }
    });
    socket.on("error", reject);
    const read = () => new Promise((done, fail) => {
      const give = () => done(chunks.shift());
      if (chunks.length) return give();
      const timer = setTimeout(() => fail(new Error("no reply within 5 s")), 5000 * slow);
      waiting = () => { clearTimeout(timer); give(); };
    });
    const client = {
      greeting: null,
      say: async text => { socket.write(text); return read(); },
      close: () => socket.destroy(),
    };
    socket.on("connect", async () => { client.greeting = await read(); resolve(client); });
  });
}

// The server's verdicts, in French or in English (--lang en).
const VERDICT = /^(C'est plus|C'est moins|Gagné|Trouvé|Higher|Lower|You won|Found)/m;
const HIGHER = /^(C'est plus|Higher)/;
const LOWER = /^(C'est moins|Lower)/;

// Bisection through `say`, which returns the whole reply (news first).
async function bisect(say) {
  let low = 1;
  let high = 100;
  for (let turn = 0; turn < 12; ++turn) {
    const guess = Math.floor((low + high) / 2);
    const reply = await say(String(guess));
    const verdict = reply.split("\n").find(line => VERDICT.test(line)) || "";
    if (HIGHER.test(verdict)) low = guess + 1;
    else if (LOWER.test(verdict)) high = guess - 1;
    else return reply;
  }
  throw new Error("bisection did not end");
}

// A player in the page itself, over /play: joins (with a nickname for the
// partie), and keeps its socket in window.player for bisectInPage().
function joinInPage(page, nickname) {
  return page.evaluate(async nickname => {
    const ws = new WebSocket(`ws://${location.host}/play`);
    const frames = [];
    let wake = null;
    ws.onmessage = event => { frames.push(event.data); if (wake) { wake(); wake = null; } };
    await new Promise(resolve => { ws.onopen = resolve; });
    const until = async pattern => {
      for (;;) {
        while (!frames.length) await new Promise(resolve => { wake = resolve; });
        const frame = frames.shift();
        if (pattern.test(frame)) return frame;
      }
    };
    window.player = { ws, until };
    if (nickname) {
      await until(/pseudo/);
      ws.send(nickname);
      await until(/^Bonjour/);
    } else {
      await until(/^Bienvenue/);
    }
  }, nickname);
}

// The page's player guesses by bisection; resolves with the final verdict.
function bisectInPage(page) {
  return page.evaluate(async () => {
    const { ws, until } = window.player;
    let low = 1;
    let high = 100;
    for (;;) {
      const guess = Math.floor((low + high) / 2);
      ws.send(String(guess));
      const reply = await until(/^(C'est plus|C'est moins|Gagné|Trouvé)/);
      if (reply.startsWith("C'est plus")) low = guess + 1;
      else if (reply.startsWith("C'est moins")) high = guess - 1;
      else return reply;
    }
  });
}

// The projected page, once its live feed is up ("live" on an English server).
async function openPage(url, live = "en direct") {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const dialogs = [];
  page.on("dialog", dialog => { dialogs.push(dialog.message()); dialog.dismiss(); });
  page.dialogs = dialogs;
  await page.goto(url);
  await page.waitForFunction(live => document.querySelector("#status").textContent === live, live,
                             { timeout: 5000 * slow });
  return page;
}

async function aTcpWinShowsWithinASecond() {
  const server = await startServer(["--db", path.join(workDir, "solo.db")]);
  const page = await openPage(server.url);
  const player = await lessonClient(server.port);
  check((await player.say("/nick ada")) === "Vous êtes maintenant ada.", "a TCP player takes a nickname");
  await page.waitForFunction(() => document.querySelector("#players").textContent.includes("ada"), null,
                             { timeout: 2000 * slow });
  check(true, "the page lists ada among the players");
  const won = await bisect(player.say);
  const wonAt = Date.now();
  check(won.includes("Gagné"), "ada wins over TCP");
  await page.waitForFunction(() => document.querySelector("#board").textContent.includes("ada"), null,
                             { timeout: 1000 * slow });
  const shownAfter = Date.now() - wonAt;
  check(shownAfter <= 1000 * slow, `the win is on the page's leaderboard within ${slow} s (${shownAfter} ms)`);

  // A nickname that is HTML stays text. (Nicknames have no blanks and at
  // most 24 characters: this is the attack of <img src=x onerror=alert(1)>
  // in a form that fits.)
  const hostile = "<svg/onload=alert(1)>";
  const attacker = await lessonClient(server.port);
  check((await attacker.say(`/nick ${hostile}`)) === `Vous êtes maintenant ${hostile}.`, "an HTML nickname is taken");
  check((await bisect(attacker.say)).includes("Gagné"), "the HTML nickname wins a game");
  await page.waitForFunction(h => document.querySelector("#board").textContent.includes(h), hostile, { timeout: 2000 * slow });
  const images = await page.evaluate(() => document.querySelectorAll("#players svg, #board svg, #players img, #board img").length);
  check(images === 0, "the nickname is shown as text, never as an element");
  check(page.dialogs.length === 0, "no script ran", page.dialogs.join("\n"));

  // /play from the page wins a solo game by bisection, then FIN closes it normally.
  await joinInPage(page, null);
  const verdict = await bisectInPage(page);
  check(verdict.startsWith("Gagné"), "/play wins a game by bisection", verdict);
  const closed = await page.evaluate(() => new Promise(resolve => {
    window.player.ws.onclose = event => resolve(event.code);
    window.player.ws.send("FIN");
  }));
  check(closed === 1000, `FIN closes the socket with 1000 (${closed})`);
  player.close();
  attacker.close();
  await page.close();
  await server.stop();
}

// A student without a terminal: the /play page, typing guesses in its form.
async function aStudentPlaysFromThePlayPage() {
  const server = await startServer(["--db", path.join(workDir, "form.db")]);
  const page = await browser.newPage();
  await page.goto(`${server.url}play`);
  const lastLine = () => page.$eval("#transcript", log => log.lastElementChild ? log.lastElementChild.textContent : "");
  await page.waitForFunction(() => document.querySelector("#transcript .server"), null, { timeout: 5000 * slow });
  check((await lastLine()).startsWith("Bienvenue"), "the play page shows the greeting");
  const type = async text => {
    const before = await page.$$eval("#transcript .server", lines => lines.length);
    await page.fill("#message", text);
    await page.press("#message", "Enter");
    await page.waitForFunction(n => document.querySelectorAll("#transcript .server").length > n, before,
                               { timeout: 5000 * slow });
    return page.$$eval("#transcript .server", lines => lines[lines.length - 1].textContent);
  };
  check((await type("/nick élève")) === "Vous êtes maintenant élève.", "the student takes a nickname in the form");
  const won = await bisect(type);
  check(won.startsWith("Gagné"), "the student wins by typing guesses", won);
  check((await type("n")) === "FIN", "answering n ends with FIN");
  await page.waitForFunction(() => document.querySelector("#message").disabled, null, { timeout: 5000 * slow });
  check((await lastLine()) === "Connexion terminée (1000).", "the page says the connection is over");
  await page.close();
  await server.stop();
}

async function aRoundOfTwoTcpPlayersAndABrowserEndsOnAPodium() {
  const server = await startServer(["--mode", "partie", "--round-grace", "60", "--round-pause", "60",
                                    "--teacher-token", "s3cret", "--db", path.join(workDir, "partie.db")]);
  const page = await openPage(server.url);
  const ana = await lessonClient(server.port);
  const ben = await lessonClient(server.port);
  check((await ana.say("ana")).startsWith("Bonjour ana !"), "ana joins the round");
  check((await ben.say("ben")).startsWith("Bonjour ben !"), "ben joins the round");
  await joinInPage(page, "web");
  await page.waitForFunction(() => document.querySelector("#entrants").textContent.includes("web"), null,
                             { timeout: 3000 * slow });
  check(true, "the browser player is in the round on the page");
  check((await bisect(ana.say)).includes("Gagné"), "ana finds it first");
  check((await bisect(ben.say)).includes("Trouvé"), "ben finds it second");
  const third = await bisectInPage(page);
  check(third.startsWith("Trouvé"), "the browser player finds it third", third);
  await page.waitForFunction(() => document.querySelectorAll("#podium li").length === 3, null, { timeout: 2000 * slow });
  const podium = await page.$$eval("#podium li", items => items.map(item => item.textContent));
  check(podium[0].startsWith("ana") && podium[1].startsWith("ben") && podium[2].startsWith("web"),
        "the page shows the podium: ana, ben, web", podium.join("\n"));
  await page.waitForFunction(() => document.querySelectorAll("#board tr").length === 3, null, { timeout: 3000 * slow });
  check(true, "the round's three finders are on the leaderboard");
  if (outputDir) {
    await page.screenshot({ path: path.join(outputDir, "page.png"), fullPage: true });
    check(true, `screenshot written to ${path.join(outputDir, "page.png")}`);
  }
  check(await page.$eval("#teacher", panel => panel.hidden), "without the token, no teacher's panel");

  // The teacher, on a page opened with the token, starts the next round at once.
  const teacherPage = await browser.newPage();
  await teacherPage.goto(`${server.url}#token=s3cret`);
  await teacherPage.click("#new-round");
  await teacherPage.waitForFunction(() => document.querySelector("#teacher-result").textContent === "Fait.", null,
                                    { timeout: 3000 * slow });
  await page.waitForFunction(() => document.querySelector("#round-title").textContent === "Manche 2", null,
                             { timeout: 3000 * slow });
  check(true, "the teacher's button starts round 2, on every page");
  await teacherPage.fill("#teacher-nickname", "nobody");
  await teacherPage.click("#kick");
  await teacherPage.waitForFunction(() => document.querySelector("#teacher-result").textContent.includes("nobody"),
                                    null, { timeout: 3000 * slow });
  check(true, "a refused action says why on the page");
  await teacherPage.close();
  ana.close();
  ben.close();
  await page.close();
  await server.stop();
}

async function thePageReconnectsWhenItsStreamIsDropped() {
  const [port, webPort] = [await freePort(), await freePort()];
  const db = path.join(workDir, "restart.db");
  const first = await startServer(["--db", db], { port, webPort });
  const page = await openPage(first.url);
  await first.stop();  // the event stream is dropped with the server
  await page.waitForFunction(() => document.querySelector("#status").textContent === "reconnexion…", null,
                             { timeout: 5000 * slow });
  check(true, "the page says it is reconnecting");
  const second = await startServer(["--db", db], { port, webPort });
  await page.waitForFunction(() => document.querySelector("#status").textContent === "en direct", null,
                             { timeout: 8000 * slow });
  check(true, "the page is live again with the new server");
  const player = await lessonClient(second.port);
  await player.say("/nick zed");
  check((await bisect(player.say)).includes("Gagné"), "zed wins on the new server");
  await page.waitForFunction(() => document.querySelector("#board").textContent.includes("zed"), null,
                             { timeout: 2000 * slow });
  check(true, "the reconnected page shows the new win");
  player.close();
  await page.close();
  await second.stop();
}

// A server started with --lang en: the page, its round and podium, and the
// /play page, in English.
async function theClassroomInEnglish() {
  const server = await startServer(["--lang", "en", "--mode", "partie", "--round-grace", "0", "--round-pause", "60",
                                    "--db", path.join(workDir, "english.db")]);
  const page = await openPage(server.url, "live");
  const heading = id => page.$eval(`#${id}`, element => element.textContent);
  check((await page.evaluate(() => document.documentElement.lang)) === "en", "the page says it is in English");
  check((await heading("title")) === "Guess the number, on the network" && (await heading("board-title")) === "Leaderboard" &&
        (await heading("players-title")) === "Players", "its headings are English");
  const eve = await lessonClient(server.port);
  check((await eve.say("eve")).startsWith("Hello eve! Round 1 is on"), "eve joins the round in English");
  await page.waitForFunction(() => document.querySelector("#round-range").textContent.startsWith("between 1 and 100"),
                             null, { timeout: 3000 * slow });
  check(true, "the page shows the open range in English");
  const won = await bisect(eve.say);
  check(won.startsWith("You won!"), "eve wins the round", won);
  await page.waitForFunction(() => document.querySelectorAll("#podium li").length === 1, null, { timeout: 2000 * slow });
  const podium = await page.$eval("#podium li", item => item.textContent);
  const found = await heading("round-found");
  const secret = await heading("round-range");
  check(/^eve — \d+ tries, \d+\.\d\u00a0s$/.test(podium) && found === "1 of 1 found it" && /^It was \d+$/.test(secret),
        "the podium, the count and the secret are English", `${podium}\n${found}\n${secret}`);
  await page.waitForFunction(() => document.querySelector("#board").textContent.includes("new"), null,
                             { timeout: 3000 * slow });
  check(true, "the leaderboard marks eve as new");
  if (outputDir) {
    await page.screenshot({ path: path.join(outputDir, "page-en.png"), fullPage: true });
    check(true, `screenshot written to ${path.join(outputDir, "page-en.png")}`);
  }
  check(await page.$eval("#join-warning", warning => warning.hidden), "seen from the server's machine, no warning");
  // The same page seen from another machine (a name the browser maps to
  // loopback): the TCP server, on loopback only, cannot be reached from there.
  const remote = await openPage(`http://classroom.test:${server.webPort}/`, "live");
  const warning = await remote.$eval("#join-warning", element => element.hidden ? "" : element.textContent);
  check(warning.includes("--host 0.0.0.0"), "seen from another machine, the page says TCP is on loopback only", warning);
  await remote.close();
  const play = await browser.newPage();
  await play.goto(`${server.url}play?lang=en`);
  await play.waitForFunction(() => document.querySelector("#transcript .server"), null, { timeout: 5000 * slow });
  const question = await play.$eval("#transcript .server", line => line.textContent);
  check((await play.$eval("#send", button => button.textContent)) === "Send" && question.endsWith("Your nickname?"),
        "the /play page is English, and so is the server's question", question);
  eve.close();
  await play.close();
  await page.close();
  await server.stop();
}

try {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP classroom.test 127.0.0.1", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  await aTcpWinShowsWithinASecond();
  await aStudentPlaysFromThePlayPage();
  await aRoundOfTwoTcpPlayersAndABrowserEndsOnAPodium();
  await thePageReconnectsWhenItsStreamIsDropped();
  await theClassroomInEnglish();
  console.log("ok: the page, /play and the live feed work in the browser");
} catch (failure) {
  console.log(failure.message);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  for (const server of [...servers]) await server.stop();
  rmSync(workDir, { recursive: true, force: true });
}
