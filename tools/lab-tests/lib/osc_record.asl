/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A platform _OSC (ACPI 6.5 section 6.2.11) that records what the OS asks for, as firmware
 * that enables firmware-first reporting only after the handshake would look at it: the
 * platform-wide _OSC (UUID 0811B06E-..., "Platform-Wide OSPM Capabilities", where bit 4 of
 * the support dword is APEI support) and the WHEA _OSC (UUID ED855E0C-..., Linux's
 * apei_osc_setup()). Each call prints one "[ACPI Debug]" line in the kernel log (with
 * acpi.aml_debug_output=1 on the command line) and is
 * granted in full.
 */
DefinitionBlock ("", "SSDT", 2, "GHESRS", "OSCREC", 1)
{
    Scope (\_SB)
    {
        Method (_OSC, 4, Serialized)
        {
            CreateDWordField (Arg3, Zero, CDW1)
            CreateDWordField (Arg3, 4, CDW2)
            If (LEqual (Arg0, ToUUID ("0811b06e-4a27-44f9-8d60-3cbbc22e7b48")))
            {
                Store (Concatenate ("ghes-rs-lab platform _OSC support ", ToHexString (CDW2)), Debug)
            }
            ElseIf (LEqual (Arg0, ToUUID ("ed855e0c-6c90-47bf-a62a-26de0fc5ad5c")))
            {
                Store (Concatenate ("ghes-rs-lab WHEA _OSC support ", ToHexString (CDW2)), Debug)
            }
            Else
            {
                /* Unrecognized UUID */
                Or (CDW1, 4, CDW1)
            }
            Return (Arg3)
        }
    }
}
