/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lab's Hardware Error Device (ACPI 6.5 section 18.3.2.7.2) and how firmware notifies
 * it on a hardware-reduced platform: a Generic Event Device (section 5.6.9) whose interrupt,
 * SPI 202, runs _EVT, which notifies the HED. The guest, playing firmware, raises SPI 202
 * through GICD_ISPENDR (tools/lab-tests/lib/firmware.sh, fw_raise_gsi 202); Linux then calls
 * every HED notifier: the GHES driver reads its NOTIFY_GPIO and NOTIFY_SCI sources.
 */
DefinitionBlock ("", "SSDT", 2, "GHESRS", "HEDGED", 1)
{
    Scope (\_SB)
    {
        Device (HED0)
        {
            Name (_HID, EisaId ("PNP0C33"))
            Name (_UID, Zero)
        }

        Device (GED1)
        {
            Name (_HID, "ACPI0013")
            Name (_UID, One)
            Name (_CRS, ResourceTemplate ()
            {
                Interrupt (ResourceConsumer, Edge, ActiveHigh, Exclusive) { 202 }
            })
            Method (_EVT, 1, Serialized)
            {
                If (LEqual (Arg0, 202))
                {
                    Notify (\_SB.HED0, 0x80)
                }
            }
        }
    }
}
