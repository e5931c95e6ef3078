/**
 * The GraphQL explorer a browser gets at /graphql: GraphiQL from npm, bundled with the console so it
 * needs no CDN and runs under the server's Content-Security-Policy. Requests go to /graphql on this
 * origin with the console's session cookie and the CSRF header the server requires of
 * cookie-authenticated requests; a script's Bearer token can be set in GraphiQL's headers editor.
 */
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/graphiql.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./explorer.css";

const fetcher = createGraphiQLFetcher({
  url: "/graphql",
  headers: { "x-rolebridge-csrf": "1" },
  fetch: (input, init) => fetch(input, { ...init, credentials: "same-origin" }),
});

createRoot(document.getElementById("explorer")!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} />
  </StrictMode>,
);
