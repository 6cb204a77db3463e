import { z } from "zod";
import { emailAddress } from "@/lib/text";

/** The sign-in address rule: the same one-plain-address schema invites use. */
export const signInEmailSchema = emailAddress();

/** What the sign-in form sends; the server checks the address with the same schema. */
export const signInInput = z.object({ email: signInEmailSchema });
