import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Console } from "./console";
import "./console.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
