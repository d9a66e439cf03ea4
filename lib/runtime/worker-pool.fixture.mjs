// A stand-in server process for worker-pool.test.ts: answers its pid,
// reports ready, stops when told.
import http from "node:http";

const port = Number(process.env.FIXTURE_PORT);
// A process that cannot start exits, as a real one would.
if (!Number.isInteger(port)) process.exit(3);
const server = http.createServer((request, response) => response.end(String(process.pid)));
server.listen(port, "127.0.0.1", () => process.send({ type: "ready" }));
process.on("message", (message) => {
  if (message && message.type === "stop") server.close(() => process.exit(0));
});
