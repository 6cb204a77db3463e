import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

/** Shapes recorded from Prisma 7 + adapter-pg with the database cut off (see database-outage.int.test.ts). */
const prismaError = (code: string, message: string, meta?: unknown) => Object.assign(new Error(message), { name: "PrismaClientKnownRequestError", code, meta });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: "connect", errno: -111 });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["P1001 can't reach the server", prismaError("P1001", "Can't reach database server at 127.0.0.1:5432")],
    ["P1002 timed out", prismaError("P1002", "The database server was reached but timed out.")],
    ["P1017 server closed the connection", prismaError("P1017", "Server has closed the connection.")],
    ["P2024 pool timeout", prismaError("P2024", "Timed out fetching a new connection from the connection pool.")],
    ["P2028 no connection to start a transaction", prismaError("P2028", "Transaction API error: Unable to start a transaction in the given time.")],
    [
      "P2010 raw query with the adapter's DatabaseNotReachable",
      prismaError("P2010", "Raw query failed. Code: `N/A`.", { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 } } }),
    ],
    ["the adapter's ConnectionClosed", Object.assign(new Error("ConnectionClosed"), { name: "DriverAdapterError", cause: { kind: "ConnectionClosed" } })],
    ["pg: connection terminated", new Error("Connection terminated unexpectedly")],
    ["pg: pool connect timeout", new Error("timeout exceeded when trying to connect")],
    ["pg: connect timeout while connecting", new Error("Connection terminated due to connection timeout")],
    ["socket: refused", socketError("ECONNREFUSED")],
    ["socket: reset", socketError("ECONNRESET")],
    ["server shutting down (57P01)", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01", severity: "FATAL" })],
    ["server starting up (57P03)", Object.assign(new Error("the database system is starting up"), { code: "57P03", severity: "FATAL" })],
    ["connection exception class 08", Object.assign(new Error("connection failure"), { code: "08006", severity: "FATAL" })],
    ["wrapped as a cause", new Error("session lookup failed", { cause: socketError("ECONNREFUSED") })],
    ["inside an AggregateError", new AggregateError([socketError("ECONNREFUSED"), socketError("ECONNREFUSED")], "")],
  ])("%s: unavailable", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation (P2002)", prismaError("P2002", "Unique constraint failed on the fields: (`email`)")],
    ["a missing row (P2025)", prismaError("P2025", "Record to update not found.")],
    ["an expired interactive transaction (P2028, not a connection problem)", prismaError("P2028", "Transaction already closed: A query cannot be executed on an expired transaction.")],
    ["a SQL syntax error", Object.assign(new Error('syntax error at or near "SELEC"'), { code: "42601", severity: "ERROR" })],
    ["a plain bug", new TypeError("Cannot read properties of undefined (reading 'id')")],
    ["a string", "Connection terminated unexpectedly?"],
    ["null", null],
  ])("%s: not an outage", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("does not loop on a cause cycle", () => {
    const a: { cause?: unknown; message: string } = { message: "a" };
    a.cause = { message: "b", cause: a };
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
