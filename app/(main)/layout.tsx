import { headers } from "next/headers";
import type { ReactNode } from "react";
import { ConnectionStatus } from "@/components/ConnectionStatus";
import { TopBar } from "@/components/TopBar";
import { authModeOf } from "@/lib/auth/config";
import { maybeAccess } from "@/lib/auth/request";

/** The working views: the top bar and the connection banner above them (not on the kiosk, sign-in or snapshots). */
export default async function MainLayout({ children }: { children: ReactNode }) {
  const access = maybeAccess(await headers());
  const mode = authModeOf(process.env);
  return (
    <>
      <TopBar
        who={
          access
            ? {
                role: access.role,
                user: access.user,
                namespaces: access.namespaces,
                canSignOut: mode === "token" || access.role === "viewer",
              }
            : null
        }
      />
      <ConnectionStatus />
      {children}
    </>
  );
}
