package io.projectionist.sim.world;

/**
 * A player owned by one user (Plex "Player" / Tautulli player columns).
 *
 * @param index        position in {@link World#devices()} (the history stores this)
 * @param userIndex    owner
 * @param player       player title ("Living Room Roku")
 * @param platform     "Roku", "Android", "iOS", "Chrome", ...
 * @param platformName Tautulli's lowercase platform key ("roku", "android", "chrome", ...)
 * @param product      "Plex for Roku", "Plex Web", "Plexamp", ...
 * @param device       device model ("Roku Ultra")
 * @param homeLan      true if the device (nearly) always plays on the LAN
 * @param lanOctet     last octet of its LAN address 192.168.1.x
 * @param wanIp        public address when it plays remotely
 */
public record Device(int index, int userIndex, String player, String platform, String platformName,
        String platformVersion, String product, String productVersion, String device, String profile,
        String machineId, boolean homeLan, boolean musicOnly, int lanOctet, String wanIp) {

    public String lanIp() {
        return "192.168.1." + lanOctet;
    }
}
